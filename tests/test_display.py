"""check(): the verdict shown, AssertionError on wrong answers, none for the stub."""

import pytest

from course_utils import check
from course_utils.display import CheckFailed, result_html
from course_utils.exercises import EXERCISES


def stub(step, total_steps, max_lr=1e-3, min_lr=1e-6):
    raise NotImplementedError("Your code here")


def test_stub_is_reported_without_raising(capsys):
    check("cosine_lr", stub)
    assert "not attempted" in capsys.readouterr().out


def test_wrong_answer_raises_an_assertion_error_with_the_message():
    wrong = EXERCISES["cosine_lr"].mistakes[0].implementation
    with pytest.raises(AssertionError, match="decays to 0"):
        check("cosine_lr", wrong)


def test_learner_exception_raises_assertion_error():
    def broken(step, total_steps, max_lr=1e-3, min_lr=1e-6):
        return 1 / 0

    with pytest.raises(CheckFailed, match="ZeroDivisionError"):
        check("cosine_lr", broken)


def test_pass_prints_the_verdict_and_returns_none(capsys):
    assert check("cosine_lr", EXERCISES["cosine_lr"].solution) is None
    assert "passed" in capsys.readouterr().out


def test_notebook_traceback_is_just_the_message():
    error = CheckFailed("cosine_lr: wrong")
    assert error._render_traceback_() == ["CheckFailed: cosine_lr: wrong"]


def test_html_escapes_learner_text():
    from course_utils.verdict import CheckResult

    html = result_html(CheckResult("cosine_lr", "failed", "returned '<script>'"))
    assert "<script>" not in html
    assert "lr-check-failed" in html
