"""Arguments of the closed forms, checked: a clear ValueError naming the argument."""

import math


def number(name: str, value) -> float:
    """`value` as a finite float, or a ValueError naming the argument."""
    if isinstance(value, str | bytes):
        raise ValueError(f"{name} must be a number, got the string {value!r}")
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a number, got {value!r}") from None
    if not math.isfinite(number):
        raise ValueError(f"{name} must be finite, got {value!r}")
    return number


def at_least(name: str, value, low: float) -> float:
    """`value` as a float, or a ValueError if it is below `low`."""
    checked = number(name, value)
    if checked < low:
        raise ValueError(f"{name} must be >= {low:g}, got {value!r}")
    return checked


def above_zero(name: str, value) -> float:
    """`value` as a float, or a ValueError if it is not > 0."""
    checked = number(name, value)
    if checked <= 0:
        raise ValueError(f"{name} must be > 0, got {value!r}")
    return checked
