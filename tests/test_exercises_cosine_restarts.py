"""Exercise warm_restarts_lr: torch's numbers, the restarts in the edge cases, fresh random
inputs, the float-logarithm trap."""

import math
import random

import pytest

from course_utils import schedules
from course_utils.cases import Case
from course_utils.checks import run_check
from course_utils.exercises import EXERCISES

EXERCISE = EXERCISES["warm_restarts_lr"]


def expected_one(*args):
    """The oracle's (torch's) answer for a single call."""
    return EXERCISE.expected([Case(args, 1.0)])[0]


def test_documented_numbers():
    assert expected_one(20, 10, 2, 0.1, 0.0) == pytest.approx(0.05, rel=1e-12)
    assert expected_one(29, 10, 2, 0.1, 0.0) == pytest.approx(6.2e-4, abs=5e-6)
    assert [expected_one(t, 10, 2, 0.1, 0.0) for t in (10, 30, 70, 150)] == [0.1] * 4


def test_edge_cases_sit_on_both_sides_of_every_restart():
    by_params = {}
    for case in EXERCISE.edge_cases():
        step, *params = case.args
        by_params.setdefault(tuple(params), set()).add(step)
    steps = by_params[(10, 2)]
    for restart in (10, 30, 70, 150):
        assert {restart - 1, restart, restart + 1} <= steps
    assert (1, 1, 0.3, 0.1) in by_params  # T_0 = 1: a restart at every step
    assert {120, 121, 122} <= by_params[(1, 3, 0.1)]  # the float-log trap


def test_random_cases_are_fresh_valid_and_straddle_restarts():
    first = EXERCISE.random_cases(random.Random(1))
    assert [c.args for c in first] != [c.args for c in EXERCISE.random_cases(random.Random(2))]
    for seed in range(20):
        for case in EXERCISE.random_cases(random.Random(seed)):
            step, T_0, T_mult, max_lr, min_lr = case.args
            assert isinstance(T_0, int) and T_0 >= 1 and isinstance(T_mult, int) and T_mult >= 1
            assert step >= 0 and 0 <= min_lr < max_lr and case.scale == max_lr
    restarts = {c.args[0] for c in first} & set(schedules.restart_steps(*first[0].args[1:3], 10**4))
    assert restarts


def test_the_float_logarithm_of_torchs_epoch_path_is_named():
    assert math.log(243, 3) < 5  # why torch's step(121) misses the restart
    floating = next(m for m in EXERCISE.mistakes if m.key == "float_log_misses_restart")
    result = run_check("warm_restarts_lr", floating.implementation, seed=0)
    assert result.mistake == "float_log_misses_restart"
    assert "warm_restarts_lr(step=121, T_0=1, T_mult=3" in result.message


def test_required_mistakes_exist():
    keys = {m.key for m in EXERCISE.mistakes}
    assert {"ignores_t_mult", "cycle_lengths_as_restart_steps", "reaches_min_lr_at_cycle_end",
            "one_step_late", "forgot_min_lr"} <= keys
    assert len(keys) >= 5
