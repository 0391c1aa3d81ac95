"""Closed forms of the schedules that only decay: StepLR, MultiStepLR, ExponentialLR, the
cosines (torch's periodic one, the course's clamped one, with warm restarts), LinearLR and
PolynomialLR."""

import math
from collections.abc import Iterable

from course_utils.schedules.arguments import above_zero, at_least, number


def half_cosine(progress: float) -> float:
    """(1 + cos(pi * progress)) / 2: 1 at progress 0, 0 at progress 1."""
    return (1 + math.cos(math.pi * progress)) / 2


def step_lr(epoch, base_lr, step_size, gamma=0.1) -> float:
    """StepLR: base_lr * gamma ** floor(epoch / step_size)."""
    epoch = at_least("epoch", epoch, 0)
    base_lr = number("base_lr", base_lr)
    step_size = above_zero("step_size", step_size)
    gamma = at_least("gamma", gamma, 0)
    return base_lr * gamma ** math.floor(epoch / step_size)


def multistep_lr(epoch, base_lr, milestones, gamma=0.1) -> float:
    """MultiStepLR: base_lr * gamma ** (number of milestones <= epoch); repeats count twice."""
    epoch = at_least("epoch", epoch, 0)
    base_lr = number("base_lr", base_lr)
    gamma = at_least("gamma", gamma, 0)
    if isinstance(milestones, str | bytes) or not isinstance(milestones, Iterable):
        raise ValueError(f"milestones must be a list of numbers, got {milestones!r}")
    marks = [at_least("milestone", m, 0) for m in milestones]
    return base_lr * gamma ** sum(1 for m in marks if m <= epoch)


def exponential_lr(epoch, base_lr, gamma) -> float:
    """ExponentialLR: base_lr * gamma ** epoch."""
    epoch = at_least("epoch", epoch, 0)
    base_lr = number("base_lr", base_lr)
    gamma = at_least("gamma", gamma, 0)
    return base_lr * gamma**epoch


def cosine_annealing_lr(t, base_lr, T_max, eta_min=0.0) -> float:
    """torch's CosineAnnealingLR after t steps: NOT clamped, it rises again past T_max.

    eta_min + (base_lr - eta_min) * (1 + cos(pi * t / T_max)) / 2, period 2 * T_max.
    """
    t = at_least("t", t, 0)
    base_lr = number("base_lr", base_lr)
    T_max = above_zero("T_max", T_max)
    eta_min = number("eta_min", eta_min)
    return eta_min + (base_lr - eta_min) * half_cosine(t / T_max)


def cosine_lr(step, total_steps, max_lr=1e-3, min_lr=1e-6) -> float:
    """The course's cosine from max_lr to min_lr, clamped: step >= total_steps gives min_lr."""
    step = at_least("step", step, 0)
    total_steps = above_zero("total_steps", total_steps)
    max_lr = number("max_lr", max_lr)
    min_lr = number("min_lr", min_lr)
    if step >= total_steps:
        return min_lr
    return min_lr + (max_lr - min_lr) * half_cosine(step / total_steps)


def linear_lr(t, base_lr, start_factor=1 / 3, end_factor=1.0, total_iters=5) -> float:
    """LinearLR: base_lr * (start + (end - start) * min(t, total_iters) / total_iters).

    total_iters == 0 gives base_lr * start_factor forever, as torch does.
    """
    t = at_least("t", t, 0)
    base_lr = number("base_lr", base_lr)
    start_factor = number("start_factor", start_factor)
    end_factor = number("end_factor", end_factor)
    total_iters = at_least("total_iters", total_iters, 0)
    if not 0 < start_factor <= 1:
        raise ValueError(f"start_factor must be in (0, 1], got {start_factor!r}")
    if not 0 <= end_factor <= 1:
        raise ValueError(f"end_factor must be in [0, 1], got {end_factor!r}")
    if total_iters == 0:
        return base_lr * start_factor
    return base_lr * (
        start_factor + (end_factor - start_factor) * min(total_iters, t) / total_iters
    )


def polynomial_lr(t, base_lr, total_iters=5, power=1.0) -> float:
    """PolynomialLR: base_lr * (1 - min(t, total_iters) / total_iters) ** power."""
    t = at_least("t", t, 0)
    base_lr = number("base_lr", base_lr)
    total_iters = above_zero("total_iters", total_iters)
    power = above_zero("power", power)
    return base_lr * (1.0 - min(total_iters, t) / total_iters) ** power


def cosine_warm_restarts_lr(t, base_lr, T_0, T_mult=1, eta_min=0.0) -> float:
    """CosineAnnealingWarmRestarts after t steps: cycle i lasts T_0 * T_mult ** i steps."""
    t = at_least("t", t, 0)
    base_lr = number("base_lr", base_lr)
    T_0 = above_zero("T_0", T_0)
    T_mult = at_least("T_mult", T_mult, 1)
    eta_min = number("eta_min", eta_min)
    if T_mult == 1:
        T_cur, T_i = t % T_0, T_0
    else:
        T_cur, T_i = t, T_0
        while T_cur >= T_i:
            T_cur, T_i = T_cur - T_i, T_i * T_mult
    return eta_min + (base_lr - eta_min) * (1 + math.cos(math.pi * T_cur / T_i)) / 2
