"""The exercise spec: one diagnosis per mistake key, answers turned into plain numbers."""

import dataclasses

import pytest

from course_utils.exercises import EXERCISES
from course_utils.exercises.base import Mistake


@pytest.mark.parametrize("name", list(EXERCISES))
def test_mistake_keys_are_unique_within_an_exercise(name):
    keys = [mistake.key for mistake in EXERCISES[name].mistakes]  # a list: a set hides repeats
    assert len(keys) == len(set(keys)), keys


def test_a_repeated_mistake_key_is_refused():
    exercise = EXERCISES["multistep_lr"]
    first = exercise.mistakes[0]
    twice = (first, Mistake(first.key, "another diagnosis", first.implementation))
    with pytest.raises(ValueError, match=f"used twice: {first.key}"):
        dataclasses.replace(exercise, mistakes=twice)
