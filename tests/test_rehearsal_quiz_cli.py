"""Tests for `lr-course quiz`: answers from piped stdin, feedback, EOF, bad input, progress."""

import io
import os
import subprocess
import sys

import pytest

from course_utils import cli
from course_utils.rehearsal import bank, store
from course_utils.rehearsal.selection import pick_questions


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv(store.ENV_VAR, str(tmp_path))
    return tmp_path


def _right(q) -> str:
    if q["type"] == "multiple_choice":
        return str(next(i for i, a in enumerate(q["answers"], 1) if a["correct"]))
    return repr(bank.correct_value(q))


def _wrong(q) -> str:
    if q["type"] == "multiple_choice":
        return str(next(i for i, a in enumerate(q["answers"], 1) if not a["correct"]))
    return repr(bank.correct_value(q) * 3 + 1)


def _quiz(monkeypatch, capsys, stdin: str, *args: str):
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = cli.main(["quiz", *args])
    return code, capsys.readouterr()


def test_all_right_answers_are_scored_and_recorded(monkeypatch, capsys):
    questions = pick_questions(6, seed=11, topic="04_cosine_annealing")
    assert any(q.get("generated") for q in questions)  # bank and generated are mixed
    stdin = "".join(_right(q) + "\n" for q in questions)
    code, out = _quiz(
        monkeypatch,
        capsys,
        stdin,
        "--topic",
        "04_cosine_annealing",
        "--questions",
        "6",
        "--seed",
        "11",
    )
    assert code == 0
    assert "Done: 6 correct out of 6 answered" in out.out
    assert out.out.count("Why: ") == 6
    rows = store.attempts()
    assert len(rows) == 6 and all(r["correct"] and r["source"] == "terminal" for r in rows)
    assert {r["question_id"] for r in rows} == {q["id"] for q in questions}


def test_wrong_answer_shows_feedback_answer_and_explanation(monkeypatch, capsys):
    (q,) = pick_questions(1, seed=2, topic="02_multistep_lr")
    code, out = _quiz(
        monkeypatch,
        capsys,
        _wrong(q) + "\n",
        "--topic",
        "02_multistep_lr",
        "--questions",
        "1",
        "--seed",
        "2",
    )
    assert code == 0
    assert "Wrong." in out.out and "Answer: " in out.out and "Why: " in out.out
    assert "Done: 0 correct out of 1 answered" in out.out
    assert [r["correct"] for r in store.attempts()] == [0]


def test_bad_input_reprompts_instead_of_crashing(monkeypatch, capsys):
    questions = pick_questions(2, seed=5, topic="01_step_lr")
    stdin = "banana\n\nnan\n1e999\n" + "".join(_right(q) + "\n" for q in questions)
    code, out = _quiz(
        monkeypatch, capsys, stdin, "--topic", "01_step_lr", "--questions", "2", "--seed", "5"
    )
    assert code == 0
    assert out.out.count("Invalid answer") == 4
    assert "Done: 2 correct out of 2 answered" in out.out
    assert "Traceback" not in out.err


def test_eof_ends_cleanly_with_a_summary(monkeypatch, capsys):
    code, out = _quiz(monkeypatch, capsys, "", "--questions", "3", "--seed", "1")
    assert code == 0
    assert "(end of input)" in out.out and "Done: 0 correct out of 0 answered (3 asked)" in out.out
    assert store.attempts() == []


def test_eof_after_bad_input_and_quit_word(monkeypatch, capsys):
    code, out = _quiz(monkeypatch, capsys, "xyz\n", "--questions", "2", "--seed", "1")
    assert code == 0 and "Invalid answer" in out.out and "Done:" in out.out
    code, out = _quiz(monkeypatch, capsys, "q\n", "--questions", "2", "--seed", "1")
    assert code == 0 and "Done: 0 correct out of 0 answered" in out.out


def test_topic_without_generators_and_more_questions_than_the_bank(monkeypatch, capsys):
    n_bank = len(bank.load_questions("00_why_schedule"))
    code, out = _quiz(monkeypatch, capsys, "", "--topic", "00_why_schedule", "--questions", "99")
    assert code == 0 and f"({n_bank} asked)" in out.out


@pytest.mark.parametrize(
    "args", [["--topic", "cosine"], ["--questions", "0"], ["--questions", "x"], ["--seed", "abc"]]
)
def test_usage_errors_exit_2_with_a_message(args, capsys):
    with pytest.raises(SystemExit) as exc:
        cli.main(["quiz", *args])
    assert exc.value.code == 2
    assert "error" in capsys.readouterr().err


def test_end_to_end_subprocess_with_piped_stdin(data_dir):
    questions = pick_questions(3, seed=42)
    stdin = "oops\n" + "".join(_right(q) + "\n" for q in questions)
    result = subprocess.run(
        [sys.executable, "-m", "course_utils.cli", "quiz", "--questions", "3", "--seed", "42"],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, store.ENV_VAR: str(data_dir)},
    )
    assert result.returncode == 0, result.stderr
    assert "Done: 3 correct out of 3 answered" in result.stdout
    assert "Invalid answer" in result.stdout
    assert len(store.attempts()) == 3


def test_no_record_leaves_progress_untouched(monkeypatch, capsys):
    (q,) = pick_questions(1, seed=3)
    code, _ = _quiz(
        monkeypatch, capsys, _right(q) + "\n", "--questions", "1", "--seed", "3", "--no-record"
    )
    assert code == 0 and store.attempts() == []


def test_unwritable_progress_warns_but_the_quiz_goes_on(monkeypatch, capsys, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    monkeypatch.setenv(store.ENV_VAR, str(blocker / "sub"))
    (q,) = pick_questions(1, seed=3)
    code, out = _quiz(monkeypatch, capsys, _right(q) + "\n", "--questions", "1", "--seed", "3")
    assert code == 0 and "progress not saved" in out.err and "Done: 1 correct" in out.out


def test_out_of_range_option_reprompts(monkeypatch, capsys):
    q = next(q for q in bank.load_questions("00_why_schedule"))
    from course_utils.rehearsal.quiz_cli import run_quiz

    out = io.StringIO()
    summary = run_quiz([q], io.StringIO("0\n99\n-1\n" + _right(q) + "\n"), out)
    assert summary == {"asked": 1, "answered": 1, "correct": 1}
    assert out.getvalue().count("there is no option") == 3


def test_cli_modules_import_without_heavy_dependencies():
    code = (
        "import sys\n"
        "import course_utils.rehearsal.quiz_cli, course_utils.rehearsal.anki\n"
        "import course_utils.rehearsal.progress_cli, course_utils.rehearsal\n"
        "heavy = {'torch', 'genanki', 'ipywidgets', 'sqlite3'} & set(sys.modules)\n"
        "assert not heavy, heavy\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
