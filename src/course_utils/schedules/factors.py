"""Closed forms of the factor-based schedulers (LambdaLR, MultiplicativeLR, ConstantLR) and of
SWALR, with the factor functions the course hands to LambdaLR and MultiplicativeLR.

A factor function is a small frozen dataclass, not a lambda: it pickles, compares and prints the
same on every run (a lambda's repr holds a memory address).
"""

import math
from collections.abc import Callable
from dataclasses import dataclass

from course_utils.schedules.arguments import above_zero, at_least, number


def _factor(lr_lambda: Callable, t) -> float:
    if not callable(lr_lambda):
        raise ValueError(f"lr_lambda must be a function of the step, got {lr_lambda!r}")
    return number("lr_lambda(t)", lr_lambda(t))


def _steps(t) -> int:
    t = at_least("t", t, 0)
    if t != int(t):
        raise ValueError(f"t must be a whole number of steps, got {t!r}")
    return int(t)


def lambda_lr(t, base_lr, lr_lambda) -> float:
    """LambdaLR: base_lr * lr_lambda(t). The function returns a factor, not an lr."""
    t = _steps(t)
    return number("base_lr", base_lr) * _factor(lr_lambda, t)


def multiplicative_lr(t, base_lr, lr_lambda) -> float:
    """MultiplicativeLR: base_lr * lr_lambda(1) * ... * lr_lambda(t); lr_lambda(0) is never used."""
    t = _steps(t)
    lr = number("base_lr", base_lr)
    for k in range(1, t + 1):
        lr *= _factor(lr_lambda, k)
    return lr


def constant_lr(t, base_lr, factor=1 / 3, total_iters=5) -> float:
    """ConstantLR: base_lr * factor for t < total_iters, then base_lr.

    total_iters == 0 keeps the factor forever, as torch's step() does (the factor is applied
    at construction and undone only at t == total_iters, which never comes again).
    """
    t = at_least("t", t, 0)
    base_lr = number("base_lr", base_lr)
    factor = number("factor", factor)
    total_iters = at_least("total_iters", total_iters, 0)
    if not 0 <= factor <= 1:
        raise ValueError(f"factor must be in [0, 1], got {factor!r}")
    return base_lr * factor if t < total_iters or total_iters == 0 else base_lr


def swalr_lr(t, base_lr, swa_lr, anneal_epochs=10, anneal_strategy="cos") -> float:
    """SWALR after t steps: from base_lr (the group's lr when SWALR was built, not its
    initial_lr) to swa_lr over anneal_epochs steps, then swa_lr.

    lr = swa_lr * a + base_lr * (1 - a), a = anneal(min(1, t / max(1, anneal_epochs))),
    anneal(p) = p ("linear") or (1 - cos(pi * p)) / 2 ("cos"); anneal_epochs = 0 jumps at once.
    """
    t = at_least("t", t, 0)
    base_lr = number("base_lr", base_lr)
    swa_lr = number("swa_lr", swa_lr)
    anneal_epochs = at_least("anneal_epochs", anneal_epochs, 0)
    if anneal_strategy not in ("cos", "linear"):
        raise ValueError(f"anneal_strategy must be 'cos' or 'linear', got {anneal_strategy!r}")
    if anneal_epochs == 0:
        t = max(1, t)
    progress = max(0.0, min(1.0, t / max(1, anneal_epochs)))
    alpha = progress if anneal_strategy == "linear" else (1 - math.cos(math.pi * progress)) / 2
    return swa_lr * alpha + base_lr * (1 - alpha)


@dataclass(frozen=True)
class ConstantFactor:
    """lr_lambda(t) = value at every step: with MultiplicativeLR, an ExponentialLR(value)."""

    value: float

    def __post_init__(self):
        above_zero("value", self.value)

    def __call__(self, t) -> float:
        return self.value


@dataclass(frozen=True)
class WarmupLinearDecay:
    """LambdaLR factor t / W during the warmup, then linear to 0 at total_steps, then 0
    (the factor of transformers' get_linear_schedule_with_warmup)."""

    warmup_steps: int
    total_steps: int

    def __post_init__(self):
        warmup = at_least("warmup_steps", self.warmup_steps, 0)
        if warmup > above_zero("total_steps", self.total_steps):
            raise ValueError(f"warmup_steps ({self.warmup_steps}) must be <= total_steps "
                             f"({self.total_steps})")

    def __call__(self, t) -> float:
        if t < self.warmup_steps:
            return t / self.warmup_steps
        return max(0.0, (self.total_steps - t) / max(1, self.total_steps - self.warmup_steps))
