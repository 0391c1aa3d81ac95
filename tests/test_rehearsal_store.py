"""Tests for course_utils.rehearsal.store: progress in SQLite, several writers at once."""

import multiprocessing
import os
import sqlite3
from pathlib import Path

import pytest

from course_utils.rehearsal import store

N_PROCESSES = 4
N_RECORDS = 250


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv(store.ENV_VAR, str(tmp_path / "progress"))
    return tmp_path / "progress"


def _writer(path: str, worker: int, n: int, start) -> None:
    start.wait()  # all writers begin together
    for i in range(n):
        store.record_attempt(
            f"w{worker}-{i}", "01_step_lr", i % 2 == 0, "test", seconds=0.1, path=Path(path)
        )


def _crasher(path: str, n: int) -> None:
    for i in range(n):
        store.record_attempt(f"crash-{i}", "02_multistep_lr", True, "test", path=Path(path))
    os._exit(1)  # die without any cleanup, as a killed kernel would


def test_env_var_chooses_the_directory(data_dir):
    assert store.db_path() == data_dir / store.DB_NAME
    store.record_attempt("q1", "01_step_lr", True, "terminal")
    assert (data_dir / store.DB_NAME).exists()


def test_default_directory_is_the_platform_user_data_dir(monkeypatch):
    monkeypatch.delenv(store.ENV_VAR, raising=False)
    assert store.APP_NAME in str(store.data_dir())


def test_record_and_read_back_in_wal_mode(data_dir):
    row = store.record_attempt("q1", "04_cosine_annealing", True, "notebook", seconds=3.5)
    store.record_attempt("q2", "04_cosine_annealing", False, "terminal", score=0.4)
    rows = store.attempts()
    assert rows[0]["id"] == row
    assert [(r["question_id"], r["correct"], r["source"]) for r in rows] == [
        ("q1", 1, "notebook"),
        ("q2", 0, "terminal"),
    ]
    assert rows[0]["seconds"] == 3.5 and rows[1]["score"] == 0.4
    with sqlite3.connect(store.db_path()) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_bad_attempts_are_refused_with_a_clear_error(data_dir):
    with pytest.raises(ValueError, match="unknown topic"):
        store.record_attempt("q", "cosine", True)
    with pytest.raises(ValueError, match="unknown source"):
        store.record_attempt("q", "01_step_lr", True, source="phone")
    with pytest.raises(ValueError, match="seconds"):
        store.record_attempt("q", "01_step_lr", True, seconds=-1)
    with pytest.raises(ValueError, match="score"):
        store.record_attempt("q", "01_step_lr", True, score=2)
    assert store.attempts() == []


def test_mastery_is_share_correct_over_the_last_attempts(data_dir):
    for correct in [False] * 5 + [True] * 4:
        store.record_attempt("q", "05_reduce_on_plateau", correct, "test")
    store.record_attempt("q", "06_one_cycle", True, "test")
    assert store.mastery(window=4)["05_reduce_on_plateau"] == 1.0
    assert store.mastery(window=8)["05_reduce_on_plateau"] == 0.5
    stats = store.topic_stats()
    assert stats["05_reduce_on_plateau"]["attempts"] == 9
    assert stats["05_reduce_on_plateau"]["correct"] == 4
    assert stats["00_why_schedule"] == {"attempts": 0, "correct": 0, "mastery": None}
    assert store.weak_topics() == ["05_reduce_on_plateau"]  # 4/9 < 0.7; one_cycle is 1.0


def test_reading_an_empty_store_does_not_create_it(data_dir):
    assert store.topic_stats()["01_step_lr"]["attempts"] == 0
    assert store.attempts() == []
    assert not store.db_path().exists()


def test_concurrent_writers_lose_nothing(data_dir):
    path = str(store.db_path())
    ctx = multiprocessing.get_context("spawn")
    start = ctx.Event()
    workers = [
        ctx.Process(target=_writer, args=(path, w, N_RECORDS, start)) for w in range(N_PROCESSES)
    ]
    for p in workers:
        p.start()
    start.set()
    for p in workers:
        p.join(timeout=300)
        assert p.exitcode == 0
    rows = store.attempts()
    assert len(rows) == N_PROCESSES * N_RECORDS
    assert {r["question_id"] for r in rows} == {
        f"w{w}-{i}" for w in range(N_PROCESSES) for i in range(N_RECORDS)
    }
    assert store.topic_stats()["01_step_lr"]["correct"] == N_PROCESSES * N_RECORDS // 2


def test_attempts_survive_a_crashing_process(data_dir):
    ctx = multiprocessing.get_context("spawn")
    p = ctx.Process(target=_crasher, args=(str(store.db_path()), 30))
    p.start()
    p.join(timeout=120)
    assert p.exitcode == 1
    assert [r["question_id"] for r in store.attempts()] == [f"crash-{i}" for i in range(30)]


def test_locked_initialisation_is_retried_not_raised(monkeypatch):
    calls = []

    def flaky():
        calls.append(1)
        if len(calls) < 3:
            raise sqlite3.OperationalError("database is locked")
        return "ok"

    assert store._retry_while_locked(flaky, seconds=5) == "ok"
    assert len(calls) == 3


def test_other_sqlite_errors_are_not_retried():
    def broken():
        raise sqlite3.OperationalError("no such table: attempts")

    with pytest.raises(sqlite3.OperationalError, match="no such table"):
        store._retry_while_locked(broken, seconds=5)
