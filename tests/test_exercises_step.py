"""Exercise step_lr: torch's StepLR numbers, the known mistakes required."""

import pytest

from course_utils.cases import Case
from course_utils.exercises import EXERCISES


def expected_one(name, *args, **kwargs):
    """The oracle's (torch's) answer for a single call."""
    return EXERCISES[name].expected([Case(args, 1.0, "", {}, kwargs)])[0]


def test_documented_numbers():
    assert expected_one("step_lr", 45, 0.1, 30, 0.1) == pytest.approx(0.01, rel=1e-12)
    assert expected_one("step_lr", 60, 0.1, 30, 0.1) == pytest.approx(0.001, rel=1e-12)
    assert expected_one("step_lr", 29, 0.1, 30, 0.1) == pytest.approx(0.1, rel=1e-12)


def test_required_mistakes_exist():
    keys = {m.key for m in EXERCISES["step_lr"].mistakes}
    assert {"decays_one_epoch_late", "ceil_instead_of_floor", "float_exponent",
            "gamma_subtracted"} <= keys
