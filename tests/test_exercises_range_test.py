"""Exercises range_test_lr and smoothed_losses: their oracles, tolerances and messages."""

import random

import pytest

from course_utils import schedules
from course_utils.cases import Case
from course_utils.checks import run_check
from course_utils.exercises import EXERCISES
from course_utils.exercises.smoothed_losses import weighted_means


def expected_one(name, *args, **kwargs):
    """The oracle's answer for a single call."""
    return EXERCISES[name].expected([Case(args, 1.0, "", {}, kwargs)])[0]


def test_documented_numbers():
    assert expected_one("range_test_lr", 0) == 1e-7
    assert expected_one("range_test_lr", 99) == pytest.approx(10.0, rel=1e-12)
    assert expected_one("range_test_lr", 50) == pytest.approx(1.0975e-3, rel=1e-4)  # hint 3
    assert expected_one("range_test_lr", 25, 1e-5, 1.0, 51) == pytest.approx(1e-5**0.5, rel=1e-12)
    assert expected_one("smoothed_losses", [2.3]) == [2.3]
    assert expected_one("smoothed_losses", [1.0, 3.0], 0.5) == pytest.approx([1.0, 7 / 3])


def test_oracle_agrees_with_the_library_reference():
    for name in ("range_test_lr", "smoothed_losses"):
        exercise = EXERCISES[name]
        cases = exercise.cases(random.Random(5))
        for case, want in zip(cases, exercise.expected(cases), strict=True):
            got = exercise.reference(*case.args, **case.kwargs)
            assert got == pytest.approx(want, rel=1e-12, abs=1e-15), case


def test_the_tolerance_is_relative_to_each_lr():
    cases = EXERCISES["range_test_lr"].cases(random.Random(0))
    assert all(case.scale == pytest.approx(schedules.range_test_lr(*case.args)) for case in cases)

    def rounded(step, start_lr=1e-7, end_lr=10.0, num_steps=100):
        return round(schedules.range_test_lr(step, start_lr, end_lr, num_steps), 4)

    def slightly_off(step, start_lr=1e-7, end_lr=10.0, num_steps=100):
        return schedules.range_test_lr(step, start_lr, end_lr, num_steps) * (1 + 1e-5)

    assert not run_check("range_test_lr", rounded, seed=0).passed  # 1e-7 is not 0
    assert not run_check("range_test_lr", slightly_off, seed=0).passed
    assert run_check("range_test_lr", lambda *args: schedules.range_test_lr(*args) * (1 + 1e-8),
                     seed=0).passed


def test_smoothed_losses_messages_name_the_index():
    def one_off(losses, beta=0.98):
        out = schedules.smoothed_losses(losses, beta)
        return out[:2] + [x + 1.0 for x in out[2:]]

    result = run_check("smoothed_losses", one_off, seed=0)
    assert result.status == "failed"
    assert "smoothed loss [2]: expected" in result.message
    short = run_check("smoothed_losses", lambda losses, beta=0.98: [0.0] * (len(losses) + 1))
    assert "the number of smoothed losses (one per loss)" in short.message
    scalar = run_check("smoothed_losses", lambda losses, beta=0.98: 2.3)
    assert scalar.status == "failed" and "returned" in scalar.message


def test_long_loss_lists_are_shortened_in_messages():
    exercise = EXERCISES["smoothed_losses"]
    case = Case((list(range(20)), 0.9), 20.0, "random")
    text = exercise.describe(case)
    assert text.startswith("smoothed_losses(losses=[0, 1, 2, 3, 4, 5, ..., 19], beta=0.9)")
    assert "(20 losses)" in text


def test_the_closed_form_is_a_weighted_mean():
    assert weighted_means([]) == []
    assert weighted_means([4.0, 0.0], 0.5) == pytest.approx([4.0, 4 / 3])
    assert weighted_means([1.0, 2.0, 3.0], 0.0) == [1.0, 2.0, 3.0]


def test_required_mistakes_exist():
    sweep = {m.key for m in EXERCISES["range_test_lr"].mistakes}
    assert {"divides_by_num_steps", "linear_sweep", "one_step_ahead"} <= sweep
    smoothing = {m.key for m in EXERCISES["smoothed_losses"].mistakes}
    assert {"no_bias_correction", "beta_on_new_loss", "correction_power_off_by_one"} <= smoothing
