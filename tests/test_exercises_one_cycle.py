"""Exercise one_cycle_lr: torch's documented OneCycleLR numbers, valid random cases."""

import random

import pytest

from course_utils.cases import Case
from course_utils.checks import run_check
from course_utils.exercises import EXERCISES


def expected_one(name, *args, **kwargs):
    """The oracle's (torch's) answer for a single call."""
    return EXERCISES[name].expected([Case(args, 1.0, "", {}, kwargs)])[0]


def test_documented_numbers():
    lrs = [expected_one("one_cycle_lr", s, 1000, 0.1) for s in range(1000)]
    assert lrs[0] == pytest.approx(0.004, rel=1e-9)
    assert max(range(1000), key=lrs.__getitem__) == 299
    assert lrs[299] == pytest.approx(0.1, rel=1e-12)
    assert lrs[999] == pytest.approx(4e-7, rel=1e-9)


def test_required_mistakes_exist():
    keys = {m.key for m in EXERCISES["one_cycle_lr"].mistakes}
    assert {"peak_one_step_late", "final_lr_forgets_div_factor", "linear_anneal",
            "phase2_ends_at_total_steps"} <= keys


def test_one_cycle_random_cases_are_valid_for_torch():
    for seed in range(20):
        for case in EXERCISES["one_cycle_lr"].random_cases(random.Random(seed)):
            step, total, _, pct_start, *_ = case.args
            assert 0 <= step < total
            assert pct_start * total - 1 >= 0.5  # torch divides by zero when it is 0


def test_one_cycle_rounded_peak_is_diagnosed_even_when_it_crashes():
    rounded = next(m for m in EXERCISES["one_cycle_lr"].mistakes
                   if m.key == "phase1_end_rounded")
    result = run_check("one_cycle_lr", rounded.implementation)
    assert result.status == "error"
    assert "ZeroDivisionError" in result.message
    assert result.mistake == "phase1_end_rounded"
