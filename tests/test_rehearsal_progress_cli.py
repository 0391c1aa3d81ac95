"""Tests for `lr-course progress`: per-topic table and JSON."""

import json

import pytest

from course_utils import cli
from course_utils.rehearsal import bank, store


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv(store.ENV_VAR, str(tmp_path))


def _progress(capsys, *args):
    code = cli.main(["progress", *args])
    return code, capsys.readouterr().out


def test_empty_progress(capsys):
    code, out = _progress(capsys, "--json")
    data = json.loads(out)
    assert code == 0 and data["attempts"] == 0 and data["weak_topics"] == []
    assert [t["topic"] for t in data["topics"]] == list(bank.TOPICS)
    code, out = _progress(capsys)
    assert code == 0 and "no attempts yet" in out


def test_json_counts_and_mastery(capsys):
    for correct in (True, True, False, True):
        store.record_attempt("q", "06_one_cycle", correct, "terminal")
    store.record_attempt("q", "08_training_loop", False, "notebook")
    code, out = _progress(capsys, "--json")
    data = json.loads(out)
    assert code == 0 and data["attempts"] == 5 and data["correct"] == 3
    rows = {t["topic"]: t for t in data["topics"]}
    assert rows["06_one_cycle"] == {
        "topic": "06_one_cycle",
        "attempts": 4,
        "correct": 3,
        "mastery": 0.75,
    }
    assert rows["01_step_lr"]["mastery"] is None
    assert data["weak_topics"] == ["08_training_loop"]


def test_table_has_a_row_per_topic_with_percentages(capsys):
    store.record_attempt("q", "03_exponential_lr", True, "terminal")
    store.record_attempt("q", "03_exponential_lr", False, "terminal")
    code, out = _progress(capsys)
    assert code == 0
    lines = out.splitlines()
    assert all(any(line.startswith(t) for line in lines) for t in bank.TOPICS)
    row = next(line for line in lines if line.startswith("03_exponential_lr"))
    assert row.split() == ["03_exponential_lr", "2", "1", "50%"]
    assert "weak topics: 03_exponential_lr" in out
