"""Exercise sequential_warmup_cosine_lr: torch's SequentialLR numbers, every known mistake named."""

import random

import pytest

from course_utils.cases import Case
from course_utils.checks import run_check
from course_utils.exercises import EXERCISES

NAME = "sequential_warmup_cosine_lr"
EXERCISE = EXERCISES[NAME]


def expected_one(*args):
    return EXERCISE.expected([Case(args, 1.0)])[0]


def test_the_reference_trace_is_torchs():
    got = [round(expected_one(t, 1.0, 3, 3, 5), 4) for t in range(10)]
    assert got == [0.1, 0.4, 0.7, 1.0, 0.9045, 0.6545, 0.3455, 0.0955, 0.0, 0.0955]


def test_the_cosine_restarts_from_base_lr_when_the_milestone_cuts_the_warmup_short():
    assert expected_one(19, 0.1, 50, 20, 100, 0.1) == pytest.approx(0.1 * (0.1 + 0.9 * 19 / 50))
    assert expected_one(20, 0.1, 50, 20, 100, 0.1) == pytest.approx(0.1)


def test_required_mistakes_exist_and_each_is_named():
    keys = [m.key for m in EXERCISE.mistakes]
    assert {"continues_from_previous_lr", "child_clock_global", "child_clock_starts_at_one",
            "switch_one_late", "chained_multiplies", "cosine_clamped"} <= set(keys)
    for mistake in EXERCISE.mistakes:
        result = run_check(NAME, mistake.implementation, seed=1)
        assert result.status == "failed", mistake.key
        assert result.mistake == mistake.key, (mistake.key, result.message)


def test_edge_cases_cover_every_relation_of_milestone_and_warmup():
    relations = set()
    for case in EXERCISE.edge_cases():
        _, _, warmup_steps, milestone, *_ = case.args
        relations.add((milestone > warmup_steps) - (milestone < warmup_steps))
    assert relations == {-1, 0, 1}


def test_random_cases_are_fresh_and_cover_every_relation():
    a, b = EXERCISE.random_cases(random.Random(1)), EXERCISE.random_cases(random.Random(2))
    assert [c.args for c in a] != [c.args for c in b]
    for cases in (a, b):
        relations = {(c.args[3] > c.args[2]) - (c.args[3] < c.args[2]) for c in cases}
        assert relations == {-1, 0, 1}
        assert any(c.args[0] > c.args[3] + c.args[4] for c in cases)  # past milestone + T_max


def test_solution_and_reference_pass():
    assert run_check(NAME, EXERCISE.solution).passed
    assert run_check(NAME, EXERCISE.reference).passed
