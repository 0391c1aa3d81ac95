"""Exercise multistep_lr: repeated and unsorted milestones as torch has them."""

import pytest

from course_utils.cases import Case
from course_utils.checks import run_check
from course_utils.exercises import EXERCISES


def expected_one(name, *args, **kwargs):
    """The oracle's (torch's) answer for a single call."""
    return EXERCISES[name].expected([Case(args, 1.0, "", {}, kwargs)])[0]


def test_documented_numbers():
    # the seed's "[30, 60, 90] ... 90 epochs": the last epoch, 89, has seen two drops
    assert expected_one("multistep_lr", 89, 0.1, [30, 60, 90]) == pytest.approx(1e-3, rel=1e-12)
    # a repeated milestone counts twice; order does not matter
    assert expected_one("multistep_lr", 30, 1.0, [30, 30], 0.5) == pytest.approx(0.25)
    assert expected_one("multistep_lr", 45, 1.0, [60, 20, 40], 0.5) == pytest.approx(0.25)


def test_required_mistakes_exist():
    keys = {m.key for m in EXERCISES["multistep_lr"].mistakes}
    assert {"strict_less_than", "unique_milestones",
            "assumes_sorted_milestones", "bisect_unsorted_milestones"} <= keys


def test_multistep_learner_sorting_milestones_in_place_still_passes():
    def sorts_in_place(epoch, base_lr, milestones, gamma=0.1):
        milestones.sort(reverse=True)
        return base_lr * gamma ** sum(m <= epoch for m in milestones)

    assert run_check("multistep_lr", sorts_in_place).passed
