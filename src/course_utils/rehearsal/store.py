"""Rehearsal progress in a local SQLite database, safe with several writers at once."""

import os
import sqlite3
import time
from contextlib import closing
from pathlib import Path

from course_utils.rehearsal.bank import TOPICS, check_topic

ENV_VAR = "LR_COURSE_DATA"
DB_NAME = "progress.sqlite3"
APP_NAME = "lr-schedules-course"
SOURCES = ("notebook", "terminal", "test")
MASTERY_WINDOW = 20
WEAK_THRESHOLD = 0.7
BUSY_TIMEOUT_MS = 30_000

SCHEMA = """
CREATE TABLE IF NOT EXISTS attempts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    question_id TEXT NOT NULL,
    topic TEXT NOT NULL,
    correct INTEGER NOT NULL CHECK (correct IN (0, 1)),
    score REAL,
    source TEXT NOT NULL,
    seconds REAL,
    created_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS attempts_topic ON attempts (topic, id);
"""


def data_dir() -> Path:
    """Where progress lives: $LR_COURSE_DATA, else the platform's user data directory."""
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def db_path() -> Path:
    """The progress database file."""
    return data_dir() / DB_NAME


def connect(path: Path | None = None) -> sqlite3.Connection:
    """An autocommit connection in WAL mode with a busy timeout, schema created."""
    path = Path(path) if path is not None else db_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    try:
        _retry_while_locked(lambda: _initialise(conn))
    except BaseException:
        conn.close()
        raise
    return conn


def _initialise(conn: sqlite3.Connection) -> None:
    # Switching a new database to WAL takes an exclusive lock and SQLite answers "locked"
    # at once, without waiting for the busy timeout, when another process does the same.
    if conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
        conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")  # a committed attempt survives a crash
    conn.executescript(SCHEMA)


def _retry_while_locked(action, seconds: float = BUSY_TIMEOUT_MS / 1000):
    """Run action(), retrying with backoff while SQLite says the database is locked or busy."""
    deadline, delay = time.monotonic() + seconds, 0.005
    while True:
        try:
            return action()
        except sqlite3.OperationalError as exc:
            message = str(exc).lower()
            if ("locked" not in message and "busy" not in message) or time.monotonic() > deadline:
                raise
        time.sleep(delay)
        delay = min(delay * 2, 0.25)


def record_attempt(
    question_id: str,
    topic: str,
    correct: bool,
    source: str = "notebook",
    seconds: float | None = None,
    score: float | None = None,
    path: Path | None = None,
) -> int:
    """Record one attempt in its own committed transaction; return its row id."""
    check_topic(topic)
    if source not in SOURCES:
        raise ValueError(f"unknown source {source!r}; choose one of: {', '.join(SOURCES)}")
    if seconds is not None and not seconds >= 0:
        raise ValueError(f"seconds must be a non-negative number, got {seconds!r}")
    if score is not None and not 0 <= score <= 1:
        raise ValueError(f"score must be between 0 and 1, got {score!r}")
    with closing(connect(path)) as conn:
        conn.execute("BEGIN IMMEDIATE")
        try:
            cur = conn.execute(
                "INSERT INTO attempts (question_id, topic, correct, score, source, seconds, "
                "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (str(question_id), topic, int(bool(correct)), score, source, seconds, time.time()),
            )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        return cur.lastrowid


def attempts(path: Path | None = None, topic: str | None = None) -> list[dict]:
    """Every recorded attempt (oldest first), optionally for one topic."""
    if not (Path(path) if path is not None else db_path()).exists():
        return []
    with closing(connect(path)) as conn:
        conn.row_factory = sqlite3.Row
        sql, args = "SELECT * FROM attempts", ()
        if topic is not None:
            sql, args = sql + " WHERE topic = ?", (topic,)
        return [dict(row) for row in conn.execute(sql + " ORDER BY id", args)]


def topic_stats(path: Path | None = None, window: int = MASTERY_WINDOW) -> dict[str, dict]:
    """Per topic: attempts, correct, and mastery = share correct over the last `window` attempts.

    mastery is None for a topic never attempted.
    """
    stats = {t: {"attempts": 0, "correct": 0, "mastery": None} for t in TOPICS}
    recent: dict[str, list[int]] = {t: [] for t in TOPICS}
    if not (Path(path) if path is not None else db_path()).exists():
        return stats  # nothing recorded yet: do not create the database just to read it
    with closing(connect(path)) as conn:
        for topic, correct in conn.execute("SELECT topic, correct FROM attempts ORDER BY id DESC"):
            if topic not in stats:
                continue
            stats[topic]["attempts"] += 1
            stats[topic]["correct"] += correct
            if len(recent[topic]) < window:
                recent[topic].append(correct)
    for topic, last in recent.items():
        if last:
            stats[topic]["mastery"] = sum(last) / len(last)
    return stats


def mastery(path: Path | None = None, window: int = MASTERY_WINDOW) -> dict[str, float | None]:
    """Topic -> share correct over its last `window` attempts (None: never attempted)."""
    return {t: s["mastery"] for t, s in topic_stats(path, window).items()}


def weak_topics(
    path: Path | None = None, threshold: float = WEAK_THRESHOLD, window: int = MASTERY_WINDOW
) -> list[str]:
    """Attempted topics whose mastery is below threshold, weakest first."""
    m = mastery(path, window)
    weak = [t for t, v in m.items() if v is not None and v < threshold]
    return sorted(weak, key=lambda t: (m[t], TOPICS.index(t)))
