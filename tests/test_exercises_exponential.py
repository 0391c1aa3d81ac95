"""Exercise exponential_lr: torch's ExponentialLR numbers, the known mistakes required."""

from course_utils.cases import Case
from course_utils.exercises import EXERCISES


def expected_one(name, *args, **kwargs):
    """The oracle's (torch's) answer for a single call."""
    return EXERCISES[name].expected([Case(args, 1.0, "", {}, kwargs)])[0]


def test_documented_numbers():
    assert round(expected_one("exponential_lr", 10, 0.01, 0.95), 6) == 0.005987


def test_required_mistakes_exist():
    keys = {m.key for m in EXERCISES["exponential_lr"].mistakes}
    assert {"off_by_one", "linear_decay"} <= keys
