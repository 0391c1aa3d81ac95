"""The shared argument type: a positive number, refused with argparse's clear message."""

import argparse

import pytest

from course_utils.cli_args import positive


@pytest.mark.parametrize(("kind", "text", "value"), [(int, "3", 3), (float, "0.5", 0.5)])
def test_positive_numbers_are_parsed(kind, text, value):
    assert positive(kind)(text) == value


@pytest.mark.parametrize(("parse", "text", "words"), [
    (positive(int), "0", "must be > 0"),
    (positive(float), "-1", "must be > 0"),
    (positive(int), "x", "not a int"),
    (positive(float), "soon", "not a float"),
    (positive(int, maximum=65535), "70000", "must be <= 65535"),
])
def test_everything_else_is_refused(parse, text, words):
    with pytest.raises(argparse.ArgumentTypeError, match=words):
        parse(text)
