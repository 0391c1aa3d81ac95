"""Exercises noam_lr and wsd_lr: transformers' numbers, valid random cases, named mistakes."""

import random

import pytest

from course_utils import schedules
from course_utils.cases import Case
from course_utils.checks import run_check
from course_utils.exercises import EXERCISES


def expected_one(name, *args, **kwargs):
    """The oracle's (transformers') answer for a single call."""
    return EXERCISES[name].expected([Case(args, 1.0, "", {}, kwargs)])[0]


def test_noam_oracle_numbers():
    assert expected_one("noam_lr", 0) == 0.0
    assert expected_one("noam_lr", 4000) == pytest.approx(6.988e-4, rel=1e-3)
    assert expected_one("noam_lr", 200, 1024, 50, 2.0) == pytest.approx(
        schedules.noam_lr(200, 1024, 50, 2.0), rel=1e-12)


def test_wsd_oracle_numbers():
    # 1 - sqrt cooldown halfway: 1 - sqrt(0.5) of the way from min_lr to max_lr
    got = expected_one("wsd_lr", 900, 1000, 100, 200, 0.1, 0.01, decay_type="1-sqrt")
    assert got == pytest.approx(0.01 + 0.09 * (1 - 0.5 ** 0.5), rel=1e-12)
    assert expected_one("wsd_lr", 0, 1000, 100, 200, 0.1, 0.01) == pytest.approx(0.01)
    assert expected_one("wsd_lr", 5000, 1000, 100, 200, 0.1, 0.01) == pytest.approx(0.01)


@pytest.mark.parametrize("name, keys", [
    ("noam_lr", {"no_step_zero_guard", "warmup_exponent", "max_not_min", "forgot_d_model",
                 "peak_one"}),
    ("wsd_lr", {"warmup_from_zero", "decays_to_zero", "sqrt_of_remaining", "full_cosine_wave",
                "decay_one_step_short", "no_floor_after_end"}),
])
def test_known_mistakes_are_diagnosed_by_name(name, keys):
    mistakes = {m.key: m for m in EXERCISES[name].mistakes}
    assert keys <= set(mistakes)
    for key, mistake in mistakes.items():
        result = run_check(name, mistake.implementation, seed=3)
        assert not result.passed and result.mistake == key, (key, result.message)


def test_random_cases_are_valid_for_transformers():
    for seed in range(20):
        for case in EXERCISES["wsd_lr"].random_cases(random.Random(seed)):
            step, total, warmup, decay, max_lr, min_lr = case.args
            assert warmup + decay <= total and decay >= 1 and 0 <= min_lr < max_lr
            assert case.kwargs["decay_type"] in ("linear", "cosine", "1-sqrt")
        for case in EXERCISES["noam_lr"].random_cases(random.Random(seed)):
            step, d_model, warmup, factor = case.args
            assert step >= 1 and warmup >= 2 and case.scale == pytest.approx(
                schedules.noam_peak(d_model, warmup, factor))


@pytest.mark.parametrize("name", ["noam_lr", "wsd_lr"])
def test_reference_and_solution_pass(name):
    assert run_check(name, EXERCISES[name].solution).passed
    assert run_check(name, EXERCISES[name].reference).passed
