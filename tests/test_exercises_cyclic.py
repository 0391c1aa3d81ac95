"""Exercise cyclic_lr: Smith's numbers, every mode in the edge cases, fresh random inputs."""

import random

import pytest

from course_utils.cases import Case
from course_utils.exercises import EXERCISES
from course_utils.schedules.restarts import CYCLIC_MODES

EXERCISE = EXERCISES["cyclic_lr"]


def expected_one(*args):
    """The oracle's (torch's) answer for a single call."""
    return EXERCISE.expected([Case(args, 1.0)])[0]


def test_documented_numbers():
    lrs = [expected_one(t, 0.001, 0.006, 2000, "triangular2") for t in (1000, 2000, 5000, 6000)]
    assert lrs == pytest.approx([0.0035, 0.006, 0.00225, 0.0035], rel=1e-12)
    assert expected_one(0, 0.001, 0.006) == 0.001  # CyclicLR starts at base_lr


def test_edge_cases_cover_every_mode_peaks_and_bottoms():
    cases = EXERCISE.edge_cases()
    modes = {case.args[4] if len(case.args) > 4 else "triangular" for case in cases}
    assert modes == set(CYCLIC_MODES)
    smith = [c.args[0] for c in cases if c.args[1:5] == (0.001, 0.006, 2000, "triangular2")]
    assert {0, 2000, 4000, 6000, 8000} <= set(smith)  # bottoms and peaks of several cycles


def test_random_cases_are_fresh_and_valid_for_torch():
    first = EXERCISE.random_cases(random.Random(1))
    assert [c.args for c in first] != [c.args for c in EXERCISE.random_cases(random.Random(2))]
    for seed in range(20):
        cases = EXERCISE.random_cases(random.Random(seed))
        assert {c.args[4] for c in cases} == set(CYCLIC_MODES)
        for case in cases:
            step, base_lr, max_lr, up, _, gamma = case.args
            assert step >= 0 and 0 <= base_lr < max_lr and up >= 1 and 0 < gamma <= 1
            assert case.scale == max_lr


def test_required_mistakes_exist():
    keys = {m.key for m in EXERCISE.mistakes}
    assert {"cycle_is_step_size", "triangular2_halves_from_the_start", "exp_range_per_cycle",
            "exp_range_scales_whole_lr", "one_step_late"} <= keys
