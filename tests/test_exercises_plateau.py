"""Exercise reduce_on_plateau: torch's cuts, list answers, random cases clear of boundaries."""

import math
import random

import numpy as np
import pytest
import torch

from course_utils import schedules
from course_utils.cases import Case, Outcome
from course_utils.checks import run_check
from course_utils.exercises import EXERCISES
from course_utils.verdict import judge


def plateau_expected(losses, base_lr, **options):
    case = Case((list(losses), base_lr), base_lr, "", {}, options)
    return EXERCISES["reduce_on_plateau"].expected([case])[0]


def cut_calls(lrs, base_lr):
    """1-based calls on which the lr went down."""
    return [k for k, (a, b) in enumerate(zip([base_lr, *lrs], lrs, strict=False), 1) if b < a]


def test_documented_numbers():
    constant = plateau_expected([1.0] * 15, 0.1)
    assert cut_calls(constant, 0.1) == [12]
    seed_trace = plateau_expected([1.0, 0.9] + [0.95] * 10, 0.1, patience=2, cooldown=1)
    assert cut_calls(seed_trace, 0.1) == [5, 9]
    assert seed_trace[-1] == pytest.approx(1e-3)
    assert plateau_expected([], 0.1) == []


def test_required_mistakes_exist():
    keys = {m.key for m in EXERCISES["reduce_on_plateau"].mistakes}
    assert {"cuts_one_call_early", "absolute_threshold", "ignores_cooldown", "no_min_lr_floor",
            "best_updated_on_every_call", "bad_count_not_reset_on_improvement",
            "bad_count_not_reset_after_cut"} <= keys


def test_plateau_message_names_the_call():
    early = next(m for m in EXERCISES["reduce_on_plateau"].mistakes
                 if m.key == "cuts_one_call_early")
    message = run_check("reduce_on_plateau", early.implementation).message
    assert "reduce_on_plateau(losses=[1.0] * 15, base_lr=0.1)" in message
    assert "the lr after call 11: expected 0.1 (torch), got 0.01" in message


def _solution(*args, **kwargs):
    return EXERCISES["reduce_on_plateau"].solution(*args, **kwargs)


@pytest.mark.parametrize("wrap", [
    tuple,
    np.array,
    lambda lrs: torch.tensor(lrs, dtype=torch.float64),
    lambda lrs: [np.float32(x) for x in lrs],
], ids=["tuple", "numpy", "torch", "float32_items"])
def test_plateau_accepts_any_sequence_of_numbers(wrap):
    assert run_check("reduce_on_plateau", lambda *a, **k: wrap(_solution(*a, **k))).passed


@pytest.mark.parametrize(("answer", "words"), [
    (lambda lrs: lrs[-1] if lrs else 0.1, "return a list with one lr per call"),
    (lambda lrs: None, "forget a `return`"),
    (lambda lrs: [0.1, *lrs], "the number of lrs (one per call): expected 15 (torch), got 16"),
    (lambda lrs: [None, *lrs[1:]], "item 0 is None"),
    (lambda lrs: [math.nan] * len(lrs), "item 0 is nan"),
    (lambda lrs: str(lrs), "return a list of numbers"),
    (lambda lrs: np.array([lrs]), "one lr per call"),
])
def test_plateau_bad_answers_fail_clearly(answer, words):
    result = run_check("reduce_on_plateau", lambda *a, **k: answer(_solution(*a, **k)))
    assert result.status == "failed"
    assert words in result.message


def test_plateau_judge_accepts_list_outcomes_from_another_process():
    exercise = EXERCISES["reduce_on_plateau"]
    cases = exercise.cases(random.Random(3))
    values = exercise.expected(cases)
    outcomes = [Outcome.from_json(Outcome("value", v).to_json()) for v in values]
    assert judge(exercise, cases, outcomes).passed
    outcomes[1] = Outcome("value", [*values[1][:-1], "0.001"])  # a hostile non-number
    result = judge(exercise, cases, outcomes)
    assert result.status == "failed"
    assert f"the lr after call {len(values[1])}" in result.message


def test_plateau_random_cases_change_and_stay_clear_of_boundaries():
    exercise = EXERCISES["reduce_on_plateau"]
    first, second = exercise.random_cases(random.Random(1)), exercise.random_cases(random.Random(2))
    assert [c.args for c in first] != [c.args for c in second]
    for case in first + second:
        losses, base_lr = case.args
        lrs = schedules.reduce_on_plateau(losses, base_lr, **case.kwargs)
        assert cut_calls(lrs, base_lr)  # every random case has at least one cut
        # a learner without torch's eps, or with threshold rounding, gets the same lrs
        assert schedules.reduce_on_plateau(losses, base_lr, **case.kwargs, eps=0.0) == lrs
