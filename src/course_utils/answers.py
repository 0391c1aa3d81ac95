"""Turn whatever a learner's function returned into a float (or floats), or say clearly why not."""

import math
import numbers


class AnswerError(ValueError):
    """The returned value is not a usable learning rate."""


def describe(value) -> str:
    """A short, safe description of a value for messages (never huge, never raises)."""
    try:
        text = repr(value)
    except Exception:  # a hostile __repr__ must not break the message
        text = f"<{type(value).__name__}>"
    return text if len(text) <= 60 else text[:57] + "..."


def to_float(value) -> float:
    """Any number type float() accepts (int, float, numpy/torch scalars, 0-d arrays).

    None, NaN, bools, strings, lists and arrays with more than one element are refused
    with an AnswerError whose message tells the learner what to return instead.
    """
    if value is None:
        raise AnswerError("returned None: did you forget a `return` statement?")
    if isinstance(value, bool):
        raise AnswerError(f"returned a bool ({value}); return the learning rate as a number")
    if isinstance(value, str | bytes):
        raise AnswerError(f"returned a string ({describe(value)}); return a number, not text")
    if isinstance(value, list | tuple | dict | set):
        raise AnswerError(
            f"returned a {type(value).__name__} ({describe(value)}); return one number per call"
        )
    ndim = getattr(value, "ndim", 0)
    if not isinstance(ndim, int) or ndim > 0:
        raise AnswerError(
            f"returned an array of shape {getattr(value, 'shape', '?')}; return a single number"
        )
    try:
        number = float(value)
    except Exception as exc:
        raise AnswerError(
            f"returned {describe(value)} ({type(value).__name__}), which is not a number"
        ) from exc
    if math.isnan(number):
        raise AnswerError("returned NaN: look for 0/0 or a log/sqrt of a negative number")
    if not isinstance(value, numbers.Number | float) and not hasattr(value, "__float__"):
        raise AnswerError(f"returned {describe(value)}, which is not a number")
    return number


def to_float_list(value) -> list[float]:
    """A list, tuple or 1-d array of numbers as a list of floats, else an AnswerError (why)."""
    if value is None:
        raise AnswerError("returned None: did you forget a `return` statement?")
    if isinstance(value, str | bytes | dict | set):
        raise AnswerError(f"returned {describe(value)}; return a list of numbers")
    if getattr(value, "ndim", 1) != 1 or not hasattr(value, "__len__"):
        raise AnswerError(f"returned {describe(value)}; return a list with one lr per call")
    values = list(value)
    for i, item in enumerate(values):
        try:
            values[i] = to_float(item)
        except AnswerError:
            raise AnswerError(f"returned a list whose item {i} is {describe(item)}; every item "
                              "must be a number (an lr)") from None
    return values
