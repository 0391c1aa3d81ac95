"""Tests for course_utils.rehearsal.bank: schema, torch-checked numbers, judging."""

import itertools
import math
from collections import Counter

import pytest
import torch

from course_utils.rehearsal import bank
from course_utils.rehearsal.oracle import evaluate

QUESTIONS = bank.load_questions()
DRILLS = bank.load_drills()
NUMERIC = [q for q in QUESTIONS if q["type"] == "numeric"]


def test_bank_is_large_and_covers_every_notebook():
    assert len(QUESTIONS) >= 60
    per_topic = Counter(q["topic"] for q in QUESTIONS)
    assert set(per_topic) == set(bank.TOPICS)
    assert min(per_topic.values()) >= 5
    assert Counter(q["type"] for q in QUESTIONS)["numeric"] >= 20


@pytest.mark.parametrize("q", QUESTIONS, ids=[q["id"] for q in QUESTIONS])
def test_every_question_is_valid(q):
    assert bank.question_problems(q) == []


def test_ids_are_unique_across_questions_and_drills():
    ids = [q["id"] for q in QUESTIONS] + [d["id"] for d in DRILLS]
    assert len(ids) == len(set(ids))


def test_multiple_choice_has_exactly_one_correct_and_feedback_everywhere():
    for q in QUESTIONS:
        if q["type"] == "multiple_choice":
            assert sum(a["correct"] for a in q["answers"]) == 1, q["id"]
            assert all(a["feedback"] for a in q["answers"]), q["id"]


def test_schema_is_jupyterquiz_compatible():
    for q in QUESTIONS:
        assert {"question", "type", "answers"} <= set(q)
        for a in q["answers"]:
            if q["type"] == "multiple_choice":
                assert {"answer", "correct"} <= set(a)
            else:
                assert a["type"] in ("value", "range", "default")
                if a["type"] != "default":
                    assert "correct" in a


@pytest.mark.parametrize("q", NUMERIC, ids=[q["id"] for q in NUMERIC])
def test_every_stored_numeric_answer_is_what_torch_computes(q):
    assert math.isclose(bank.correct_value(q), evaluate(q["oracle"]), rel_tol=1e-9, abs_tol=1e-15)


@pytest.mark.parametrize("q", NUMERIC, ids=[q["id"] for q in NUMERIC])
def test_stored_wrong_answers_are_really_wrong_and_judged_so(q):
    value = bank.correct_value(q)
    assert bank.judge_response(q, value).correct
    for a in q["answers"]:
        if a["type"] == "value" and not a["correct"]:
            assert not bank._close(q, a["value"], value), "a listed mistake equals the answer"
            verdict = bank.judge_response(q, a["value"])
            assert not verdict.correct and verdict.feedback == a["feedback"]


def test_seed_error_multistep_drops_twice_not_three_times_in_raw_torch():
    optimizer = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1)
    scheduler = torch.optim.lr_scheduler.MultiStepLR(optimizer, [30, 60, 90], gamma=0.1)
    lrs = []
    for _epoch in range(90):
        lrs.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        scheduler.step()
    drops = sum(b < a for a, b in itertools.pairwise(lrs))
    assert drops == 2
    q = next(q for q in QUESTIONS if q["id"] == "multistep-drops-90")
    assert bank.correct_value(q) == drops
    assert not bank.judge_response(q, 3).correct


def test_drills_valid_and_cover_every_notebook():
    assert len(DRILLS) >= 10
    for d in DRILLS:
        assert bank.drill_problems(d) == [], d["id"]
    assert {d["topic"] for d in DRILLS} == set(bank.TOPICS)


@pytest.mark.parametrize(
    ("mutate", "problem"),
    [
        (lambda q: q["answers"][1].update(correct=True), "exactly one correct"),
        (lambda q: q.update(topic="10_nonsense"), "not a notebook name"),
        (lambda q: q.update(explanation=""), "explanation"),
        (lambda q: q.update(type="essay"), "type"),
        (lambda q: q["answers"][0].pop("feedback"), "no feedback"),
        (lambda q: q["answers"][0].update(answer="x" * 111), "longer than 110 characters"),
        (lambda q: q.update(taught_in="01_step_lr"), "is not \"<notebook>#<heading>\""),
        (lambda q: q.update(taught_in="10_nonsense#1. Why"), "not a notebook of the course"),
        (lambda q: q.update(taught_in="09_interview_review#Summary"), "before 09_interview"),
    ],
)
def test_validator_catches_broken_multiple_choice(mutate, problem):
    q = next(q for q in bank.load_questions() if q["type"] == "multiple_choice")
    mutate(q)
    assert any(problem in p for p in bank.question_problems(q))


@pytest.mark.parametrize(
    ("mutate", "problem"),
    [
        (lambda q: q.pop("oracle"), "oracle"),
        (lambda q: q.update(answers=[a for a in q["answers"] if not a.get("correct")]), "correct"),
        (
            lambda q: q["answers"].append({"type": "range", "range": [2, 1], "correct": False}),
            "range",
        ),
        (lambda q: q.pop("precision"), "precision"),
    ],
)
def test_validator_catches_broken_numeric(mutate, problem):
    q = bank.load_questions("01_step_lr")
    q = next(x for x in q if x["type"] == "numeric")
    mutate(q)
    assert any(problem in p for p in bank.question_problems(q))


def test_load_returns_copies_and_filters_by_topic():
    qs = bank.load_questions("03_exponential_lr")
    assert qs and all(q["topic"] == "03_exponential_lr" for q in qs)
    qs[0]["question"] = "changed"
    assert bank.load_questions("03_exponential_lr")[0]["question"] != "changed"
    with pytest.raises(ValueError, match="unknown topic"):
        bank.load_questions("step_lr")


def test_parse_response_gives_clear_errors():
    mc = next(q for q in QUESTIONS if q["type"] == "multiple_choice")
    num = NUMERIC[0]
    assert bank.parse_response(mc, " 2 \n") == 1
    for bad, message in (("abc", "number of an option"), ("0", "no option 0"), ("", "option")):
        with pytest.raises(ValueError, match=message):
            bank.parse_response(mc, bad)
    assert bank.parse_response(num, "1e-3") == 0.001
    for bad in ("x", "nan", "inf", ""):
        with pytest.raises(ValueError, match="number"):
            bank.parse_response(num, bad)


def test_numeric_judging_uses_relative_tolerance_and_integers_are_exact():
    q = next(q for q in NUMERIC if q["id"] == "exp-10")  # 0.005987...
    assert bank.judge_response(q, 0.00599).correct
    assert bank.judge_response(q, 0.005987).correct
    assert not bank.judge_response(q, 0.0063).correct
    assert not bank.judge_response(q, 0.006 * 10).correct
    peak = next(q for q in NUMERIC if q["id"] == "onecycle-peak")
    assert bank.judge_response(peak, 299).correct
    verdict = bank.judge_response(peak, 300)
    assert not verdict.correct and "pct_start" in verdict.feedback
    zero = next(q for q in NUMERIC if q["id"] == "warmup-seq-100")
    assert bank.judge_response(zero, 0).correct and not bank.judge_response(zero, 1e-6).correct


def test_plain_text_removes_latex_markup():
    q = next(q for q in QUESTIONS if q["id"] == "steplr-formula")
    text = bank.plain_text(q["answers"][0]["answer"])
    assert "$" not in text and "\\" not in text and "γ" in text and "step_size" in text
