"""to_float and to_float_list: any float()-able number is an answer; the rest fails clearly."""

import math

import numpy as np
import pytest
import torch

from course_utils.answers import AnswerError, describe, to_float, to_float_list


@pytest.mark.parametrize(
    "value",
    [0.001, np.float64(0.001), np.float32(0.001), np.array(0.001),
     torch.tensor(0.001, dtype=torch.float64), torch.tensor(0.001)],
    ids=lambda v: type(v).__name__,
)
def test_numbers_are_accepted(value):
    assert math.isclose(to_float(value), 0.001, rel_tol=1e-6)
    assert type(to_float(value)) is float


@pytest.mark.parametrize("value", [1, np.int64(1), torch.tensor(1)])
def test_integers_are_numbers_too(value):
    assert to_float(value) == 1.0


@pytest.mark.parametrize(
    ("value", "fragment"),
    [(None, "return"), (math.nan, "NaN"), ("0.1", "string"), ([0.1], "list"),
     ((0.1,), "tuple"), (True, "bool"), (np.array([0.1, 0.2]), "array"),
     (torch.tensor([0.1]), "array"), (object(), "not a number")],
)
def test_non_numbers_are_refused_with_a_reason(value, fragment):
    with pytest.raises(AnswerError, match=fragment):
        to_float(value)


def test_describe_survives_hostile_repr_and_truncates():
    class Hostile:
        def __repr__(self):
            raise RuntimeError("no")

    assert describe(Hostile()) == "<Hostile>"
    assert len(describe("x" * 1000)) == 60


def test_to_float_list():
    assert to_float_list((1, np.float64(0.5), torch.tensor(0.25))) == [1.0, 0.5, 0.25]
    assert type(to_float_list(np.array([0.1]))[0]) is float
    assert to_float_list([]) == []
