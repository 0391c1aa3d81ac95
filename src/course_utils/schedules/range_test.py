"""Closed forms of the LR range test: its sweeps (exponential and linear) and its loss smoothing.

The sweeps are torch-lr-finder's (start_lr at step 0, end_lr at step num_steps - 1), written
the way it computes them, so that a hand-written test can reproduce its lrs bit for bit.
fastai's lr_find sweeps with step / num_steps instead (end_lr is never used): fastai_lr.
"""

import math

from course_utils.schedules.arguments import above_zero, at_least, number


def _sweep(step, start_lr, end_lr, num_steps, exponential=True):
    step = at_least("step", step, 0)
    if exponential:
        start_lr = above_zero("start_lr", start_lr)
    else:
        start_lr = at_least("start_lr", start_lr, 0)
    end_lr = above_zero("end_lr", end_lr)
    num_steps = at_least("num_steps", num_steps, 2)
    if num_steps != int(num_steps):
        raise ValueError(f"num_steps must be a whole number, got {num_steps!r}")
    return step, start_lr, end_lr, int(num_steps)


def range_test_lr(step, start_lr=1e-7, end_lr=10.0, num_steps=100) -> float:
    """The exponential sweep: start_lr * (end_lr / start_lr) ** (step / (num_steps - 1)).

    start_lr at step 0, end_lr at step num_steps - 1: torch's ExponentialLR with
    gamma = range_test_gamma(start_lr, end_lr, num_steps), on base lr start_lr.
    """
    step, start_lr, end_lr, num_steps = _sweep(step, start_lr, end_lr, num_steps)
    return start_lr * (end_lr / start_lr) ** (step / (num_steps - 1))


def linear_range_test_lr(step, start_lr=1e-7, end_lr=10.0, num_steps=100) -> float:
    """Smith's linear sweep: start_lr + (end_lr - start_lr) * step / (num_steps - 1) (start_lr
    may be 0)."""
    step, start_lr, end_lr, num_steps = _sweep(step, start_lr, end_lr, num_steps, False)
    return start_lr + step / (num_steps - 1) * (end_lr - start_lr)


def range_test_gamma(start_lr=1e-7, end_lr=10.0, num_steps=100) -> float:
    """The exponential sweep's factor per step: (end_lr / start_lr) ** (1 / (num_steps - 1))."""
    _, start_lr, end_lr, num_steps = _sweep(0, start_lr, end_lr, num_steps)
    return (end_lr / start_lr) ** (1 / (num_steps - 1))


def fastai_lr(step, start_lr=1e-7, end_lr=10.0, num_steps=100) -> float:
    """fastai's lr_find sweep (SchedExp at pos = step / num_steps): the lr of iteration `step`.

    Its last iteration (num_steps - 1) uses start_lr * (end_lr / start_lr) ** (1 - 1 / num_steps),
    below end_lr.
    """
    step, start_lr, end_lr, num_steps = _sweep(step, start_lr, end_lr, num_steps)
    return start_lr * (end_lr / start_lr) ** (step / num_steps)


def _losses(losses) -> list[float]:
    if isinstance(losses, str | bytes):
        raise ValueError("losses must be a list of numbers, got a string")
    try:
        return [float(x) for x in losses]
    except TypeError:
        raise ValueError(f"losses must be a list of numbers, got {losses!r}") from None


def smoothed_losses(losses, beta=0.98) -> list[float]:
    """fastai's smoothed loss: an exponential moving average started at 0, bias-corrected.

    avg_i = beta * avg_{i-1} + (1 - beta) * loss_i (avg_{-1} = 0), smoothed_i =
    avg_i / (1 - beta ** (i + 1)): the weighted mean of losses 0..i with weights beta ** (i - j).
    """
    losses = _losses(losses)
    beta = number("beta", beta)
    if not 0 <= beta < 1:
        raise ValueError(f"beta must be in [0, 1), got {beta!r}")
    average, out = 0.0, []
    for i, loss in enumerate(losses):
        average = beta * average + (1 - beta) * loss
        out.append(average / (1 - beta ** (i + 1)))
    return out


def lr_finder_smoothed(losses, smooth_f=0.05) -> list[float]:
    """torch-lr-finder's smoothing: the first loss as is, then smooth_f * loss + (1 - smooth_f)
    * the previous smoothed loss; no bias correction (it starts from the first loss, not 0)."""
    losses = _losses(losses)
    smooth_f = number("smooth_f", smooth_f)
    if not 0 <= smooth_f < 1:
        raise ValueError(f"smooth_f must be in [0, 1), got {smooth_f!r}")
    out: list[float] = []
    for loss in losses:
        out.append(loss if not out or smooth_f == 0 else
                   smooth_f * loss + (1 - smooth_f) * out[-1])
    return out


def steps_per_decade(start_lr=1e-7, end_lr=10.0, num_steps=100) -> float:
    """How many steps of the exponential sweep one factor of 10 in the lr takes."""
    return 1 / math.log10(range_test_gamma(start_lr, end_lr, num_steps))
