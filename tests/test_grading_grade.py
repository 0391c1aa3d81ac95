"""grade_submission agrees with the in-notebook check, and trusts nothing the sandbox sends."""

import json
import random

import pytest

from course_utils.checks import run_check
from course_utils.exercises import EXERCISES, Outcome
from course_utils.grading.grade import Limits, _interpret, grade_submission, parse_outcomes
from course_utils.grading.sandbox import Sandbox
from tests.corpus_loader import entries

LIMITS = Limits(timeout=30.0, memory=1024 * 2**20)
SEED = 20240607


def _notebook(path, exercise: str, source: str) -> None:
    cells = [
        {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
         "source": text}
        for text in ("import math\nfrom course_utils import check", source,
                     f'check("{exercise}", {exercise})')
    ]
    stem = EXERCISES[exercise].notebook
    path.write_text(json.dumps({"cells": cells, "nbformat": 4, "nbformat_minor": 5,
                                "metadata": {"course": {"notebook": stem, "copy": "student"}}}))


@pytest.fixture(scope="module")
def sandbox():
    with Sandbox() as running:
        yield running


@pytest.mark.parametrize("entry", entries(), ids=lambda e: f"{e.exercise}/{e.path.stem}")
def test_verdict_agrees_with_run_check(sandbox, tmp_path, entry):
    _notebook(tmp_path / "submission.ipynb", entry.exercise, entry.source)
    result = grade_submission(tmp_path / "submission.ipynb", sandbox, LIMITS, seed=SEED)
    graded = {e.name: e for e in result.exercises}[entry.exercise]
    in_notebook = run_check(entry.exercise, entry.load(), seed=SEED)
    assert graded.status == in_notebook.status == entry.status
    assert graded.mistake == in_notebook.mistake
    assert graded.message == in_notebook.message
    assert graded.points == (graded.max_points if entry.status == "passed" else 0)


def test_other_exercises_of_the_notebook_are_missing(sandbox, tmp_path):
    _notebook(tmp_path / "07.ipynb", "warmup_cosine_schedule",
              (entries()[0].path.parent.parent / "warmup_cosine_schedule" / "ok_solution.py")
              .read_text())
    result = grade_submission(tmp_path / "07.ipynb", sandbox, LIMITS)
    statuses = {e.name: e.status for e in result.exercises}
    assert statuses == {"warmup_cosine_schedule": "passed",
                        "get_warmup_cosine_scheduler": "missing"}
    assert (result.score, result.max_score) == (10, 20)


def _cosine_cases():
    exercise = EXERCISES["cosine_lr"]
    return exercise, exercise.cases(random.Random(1))


@pytest.mark.parametrize("raw", [
    None, [], "text", [1, 2], [{"kind": "value", "value": "0.001"}],
    [{"kind": "value", "value": [0.001]}], [{"kind": "value", "value": True}],
    [{"kind": "magic"}], [{"kind": "exception", "value": 3}],
    [{"kind": "value", "value": 0.001}],  # stops early without the stub
])
def test_malformed_outcomes_are_refused(raw):
    exercise, cases = _cosine_cases()
    with pytest.raises(ValueError):
        parse_outcomes(exercise, raw, len(cases))


def test_outcomes_after_the_stub_are_padded():
    exercise, cases = _cosine_cases()
    outcomes = parse_outcomes(exercise, [{"kind": "not_implemented"}], len(cases))
    assert outcomes == [Outcome("not_implemented")] * len(cases)


def test_too_many_outcomes_never_pass():
    exercise, cases = _cosine_cases()
    right = [{"kind": "value", "value": v} for v in exercise.expected(cases)]
    message = {"exercise": "cosine_lr", "status": "ran", "outcomes": right + right[:1]}
    [result] = _interpret([exercise], {"cosine_lr": cases}, {"messages": [message]}, 1, LIMITS)
    assert result.status == "error"
    assert "malformed" in result.message


def test_right_values_from_the_sandbox_pass():
    """The judge, not the sandbox, decides: right numbers pass, and only those."""
    exercise, cases = _cosine_cases()
    right = [{"kind": "value", "value": v} for v in exercise.expected(cases)]
    wrong = [dict(o, value=o["value"] * 1.01) for o in right]
    for outcomes, status in ((right, "passed"), (wrong, "failed")):
        message = {"exercise": "cosine_lr", "status": "ran", "outcomes": outcomes}
        [result] = _interpret([exercise], {"cosine_lr": cases}, {"messages": [message]}, 1,
                              LIMITS)
        assert result.status == status


def test_a_silent_sandbox_is_an_error_not_a_pass():
    exercise, cases = _cosine_cases()
    response = {"messages": [{"setup": []}], "end": "eof", "exit": "exited with code 0"}
    [result] = _interpret([exercise], {"cosine_lr": cases}, response, 1, LIMITS)
    assert result.status == "error"
    assert "exited with code 0" in result.message


def test_a_grade_status_is_a_check_status_or_what_only_a_sandbox_can_tell():
    from course_utils.grading.grade import STATUSES
    from course_utils.verdict import STATUSES as CHECK_STATUSES

    assert set(CHECK_STATUSES) <= set(STATUSES)
    assert set(STATUSES) - set(CHECK_STATUSES) == {"timeout", "missing"}
