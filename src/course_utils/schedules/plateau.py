"""ReduceLROnPlateau, step for step as torch does it: the lr after each step(loss)."""

import math
from collections.abc import Iterable

from course_utils.schedules.arguments import at_least, number


def reduce_on_plateau(
    losses,
    base_lr,
    factor=0.1,
    patience=10,
    threshold=1e-4,
    cooldown=0,
    min_lr=0.0,
    mode="min",
    threshold_mode="rel",
    eps=1e-8,
) -> list[float]:
    """ReduceLROnPlateau: the lr after each step(loss), torch's algorithm step for step.

    A cut happens on the (patience + 1)-th consecutive call without improvement;
    the cooldown counter, while > 0, is decremented and resets the bad-call count.
    """
    lr = number("base_lr", base_lr)
    factor = number("factor", factor)
    if not 0 <= factor < 1:
        raise ValueError(f"factor must be in [0, 1), got {factor!r}")
    patience = at_least("patience", patience, 0)
    threshold = at_least("threshold", threshold, 0)
    cooldown = at_least("cooldown", cooldown, 0)
    min_lr = at_least("min_lr", min_lr, 0)
    eps = at_least("eps", eps, 0)
    if mode not in ("min", "max"):
        raise ValueError(f"mode must be 'min' or 'max', got {mode!r}")
    if threshold_mode not in ("rel", "abs"):
        raise ValueError(f"threshold_mode must be 'rel' or 'abs', got {threshold_mode!r}")
    if isinstance(losses, str | bytes) or not isinstance(losses, Iterable):
        raise ValueError(f"losses must be a sequence of numbers, got {losses!r}")

    def is_better(current: float, best: float) -> bool:
        if mode == "min" and threshold_mode == "rel":
            return current < best * (1.0 - threshold)
        if mode == "min":
            return current < best - threshold
        if threshold_mode == "rel":
            return current > best * (threshold + 1.0)
        return current > best + threshold

    best = math.inf if mode == "min" else -math.inf
    bad = 0
    cooldown_counter = 0
    lrs = []
    for i, loss in enumerate(losses):
        try:
            current = float(loss)  # NaN and inf allowed, as in torch: never "better"
        except (TypeError, ValueError):
            raise ValueError(f"losses[{i}] must be a number, got {loss!r}") from None
        if is_better(current, best):
            best, bad = current, 0
        else:
            bad += 1
        if cooldown_counter > 0:
            cooldown_counter -= 1
            bad = 0
        if bad > patience:
            new_lr = max(lr * factor, min_lr)
            if lr - new_lr > eps:
                lr = new_lr
            cooldown_counter, bad = cooldown, 0
        lrs.append(lr)
    return lrs
