"""Wrong half-cosine curves learners write, shared by the exercises that anneal with one.

The right curve is low + (high - low) * (1 + cos(π·p)) / 2 for p from 0 to 1. Each slip is a
curve(high, low, p) in its place, and a message in the exercise's own names for high, low and
p (max_lr, min_lr and progress in cosine_lr; start, end and pct in one_cycle_lr).
"""

import math
from collections.abc import Callable
from dataclasses import dataclass

from course_utils.exercises.base import Mistake


def half_cosine(high, low, p):
    return low + (high - low) * (1 + math.cos(math.pi * p)) / 2


@dataclass(frozen=True)
class CurveSlip:
    key: str
    message: str  # with {high}, {low} and {p}
    curve: Callable[[float, float, float], float]


CURVE_SLIPS = (
    CurveSlip("rising_cosine", "your curve runs backwards, from {low} to {high}: annealing uses "
              "(1 + cos(π·{p})) / 2, which starts at 1.",
              lambda high, low, p: low + (high - low) * (1 - math.cos(math.pi * p)) / 2),
    CurveSlip("full_period", "you used a full cosine period, cos(2π·{p}), which climbs back to "
              "{high} by the end: annealing uses half a period, cos(π·{p}), which ends at {low}.",
              lambda high, low, p: low + (high - low) * (1 + math.cos(2 * math.pi * p)) / 2),
    CurveSlip("quarter_period", "your angle stops at π/2: with cos(π·{p} / 2) the curve ends "
              "halfway between {high} and {low}. The angle runs from 0 to π: cos(π·{p}).",
              lambda high, low, p: low + (high - low) * (1 + math.cos(math.pi * p / 2)) / 2),
    CurveSlip("cosine_without_pi", "π is missing from the angle: cos({p}) only goes from cos 0 = "
              "1 to cos 1 ≈ 0.54, so the curve stops far from {low}. Use cos(π·{p}).",
              lambda high, low, p: low + (high - low) * (1 + math.cos(p)) / 2),
    CurveSlip("angle_in_degrees", "your angle is in degrees, 180·{p}; math.cos takes radians: "
              "cos(π·{p}).", lambda high, low, p: low + (high - low) * (1 + math.cos(180 * p)) / 2),
    CurveSlip("sin_instead_of_cos", "you used sin where the curve has cos: sin(π·{p}) is 0 at both "
              "ends, so your curve starts and ends halfway between {high} and {low}. Use "
              "(1 + cos(π·{p})) / 2, which runs from 1 to 0.",
              lambda high, low, p: low + (high - low) * (1 + math.sin(math.pi * p)) / 2),
    CurveSlip("forgot_half", "the / 2 is missing: 1 + cos(π·{p}) runs from 2 to 0, so your curve "
              "starts twice as far from {low} as {high} is. (1 + cos(π·{p})) / 2 runs from 1 to 0.",
              lambda high, low, p: low + (high - low) * (1 + math.cos(math.pi * p))),
    CurveSlip("forgot_one_plus", "the `1 +` is missing: cos(π·{p}) / 2 runs from 1/2 to -1/2, so "
              "your curve starts halfway and overshoots {low}. Use (1 + cos(π·{p})) / 2.",
              lambda high, low, p: low + (high - low) * math.cos(math.pi * p) / 2),
    CurveSlip("forgot_offset", "the `{low} +` in front is missing: ({high} - {low}) * (1 + "
              "cos(π·{p})) / 2 ends at 0, not at {low}.",
              lambda high, low, p: (high - low) * (1 + math.cos(math.pi * p)) / 2),
    CurveSlip("amplitude_reversed", "you wrote the amplitude as ({low} - {high}); it is ({high} - "
              "{low}), so that the curve starts at {high} and ends at {low}.",
              lambda high, low, p: low + (low - high) * (1 + math.cos(math.pi * p)) / 2),
)


def curve_mistakes(template: Callable, high: str, low: str, p: str,
                   skip: tuple[str, ...] = ()) -> tuple[Mistake, ...]:
    """Mistake.variant(key, message, template, curve=slip.curve) for each slip not skipped,
    its message in the exercise's names."""
    return tuple(
        Mistake.variant(slip.key, slip.message.format(high=high, low=low, p=p), template,
                        curve=slip.curve)
        for slip in CURVE_SLIPS if slip.key not in skip)
