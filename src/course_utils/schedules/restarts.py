"""Schedules that go back up: cosine with warm restarts (SGDR), CyclicLR, and transformers'
cosine with hard restarts after a warmup; where the cycles end."""

import math

from course_utils.schedules.arguments import above_zero, at_least, number
from course_utils.schedules.decay import cosine_warm_restarts_lr

CYCLIC_MODES = ("triangular", "triangular2", "exp_range")


def _whole(name: str, value, low: int) -> int:
    """`value` as an int >= low, else a ValueError (10.0 too: torch refuses it)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{name} must be an integer >= {low}, got {value!r}")
    if value < low:
        raise ValueError(f"{name} must be an integer >= {low}, got {value!r}")
    return value


def cycle_end(k: int, T_0: int, T_mult: int = 1) -> int:
    """The step at which the k-th cycle of CosineAnnealingWarmRestarts ends (the k-th restart):
    k·T_0 for T_mult = 1, else T_0·(T_mult^k − 1)/(T_mult − 1) (10, 30, 70, 150 for (10, 2))."""
    k = _whole("k", k, 0)
    T_0, T_mult = _whole("T_0", T_0, 1), _whole("T_mult", T_mult, 1)
    if T_mult == 1:
        return k * T_0
    return T_0 * (T_mult**k - 1) // (T_mult - 1)


def restart_steps(T_0: int, T_mult: int = 1, until: int = 100) -> list[int]:
    """Every step t in 1 .. until at which the lr jumps back to its maximum."""
    until = _whole("until", until, 0)
    steps, k = [], 1
    while (end := cycle_end(k, T_0, T_mult)) <= until:
        steps.append(end)
        k += 1
    return steps


def last_cycle_end(total_steps: int, T_0: int, T_mult: int = 1) -> int:
    """The latest cycle end at or before total_steps (0 if the first cycle is not finished):
    the budget to stop at, so that the run ends on a low lr."""
    ends = restart_steps(T_0, T_mult, total_steps)
    return ends[-1] if ends else 0


def warm_restarts_lr(step, T_0, T_mult=1, max_lr=0.1, min_lr=0.0) -> float:
    """CosineAnnealingWarmRestarts(T_0, T_mult, eta_min=min_lr) on base lr max_lr, after `step`
    steps: a cosine from max_lr towards min_lr within each cycle; cycle i lasts T_0·T_mult^i."""
    _whole("T_0", T_0, 1)
    _whole("T_mult", T_mult, 1)
    return cosine_warm_restarts_lr(step, max_lr, T_0, T_mult, min_lr)


def _cyclic_height(step, step_size_up, mode, gamma, step_size_down) -> float:
    """How far up the triangle the schedule is after `step` steps, scaled by the mode: 0 at
    base_lr, 1 at max_lr (torch's CyclicLR scale_factor times its scale_fn)."""
    step = at_least("step", step, 0)
    up = above_zero("step_size_up", step_size_up)
    down = up if step_size_down is None else above_zero("step_size_down", step_size_down)
    gamma = above_zero("gamma", gamma)
    if mode not in CYCLIC_MODES:
        raise ValueError(f"mode must be one of {', '.join(CYCLIC_MODES)}, got {mode!r}")
    total = up + down
    cycle = math.floor(1 + step / total)
    x = 1.0 + step / total - cycle  # position within the cycle, 0 .. 1
    ratio = up / total
    triangle = x / ratio if x <= ratio else (x - 1) / (ratio - 1)
    if mode == "triangular2":
        return triangle / 2.0 ** (cycle - 1)
    if mode == "exp_range":
        return triangle * gamma**step  # per iteration, not per cycle
    return triangle


def cyclic_lr(step, base_lr, max_lr, step_size_up=2000, mode="triangular", gamma=1.0, *,
              step_size_down=None) -> float:
    """CyclicLR(base_lr, max_lr, step_size_up, step_size_down, mode, gamma) after `step` steps:
    a triangle from base_lr up to max_lr (step_size_up steps) and back (step_size_down, default
    step_size_up); triangular2 halves the height each cycle, exp_range multiplies it by gamma^step.
    """
    base_lr, max_lr = number("base_lr", base_lr), number("max_lr", max_lr)
    height = _cyclic_height(step, step_size_up, mode, gamma, step_size_down)
    return base_lr + (max_lr - base_lr) * height


def cyclic_momentum(step, step_size_up=2000, mode="triangular", gamma=1.0, base_momentum=0.8,
                    max_momentum=0.9, *, step_size_down=None) -> float:
    """CyclicLR's momentum (SGD's momentum or Adam's beta1) after `step` steps: max_momentum
    when the lr is at base_lr, base_momentum when it is at max_lr, inverse to the lr."""
    base_momentum = number("base_momentum", base_momentum)
    max_momentum = number("max_momentum", max_momentum)
    height = _cyclic_height(step, step_size_up, mode, gamma, step_size_down)
    return max_momentum - (max_momentum - base_momentum) * height


def cosine_hard_restarts_lr(step, warmup_steps, total_steps, num_cycles=1, max_lr=1.0) -> float:
    """transformers' get_cosine_with_hard_restarts_schedule_with_warmup on base lr max_lr:
    linear warmup from 0 over warmup_steps, then num_cycles equal cosines from max_lr to 0 over
    the remaining steps, and 0 from total_steps on (num_cycles = 1: one cosine, no restart)."""
    step = at_least("step", step, 0)
    warmup_steps = _whole("warmup_steps", warmup_steps, 0)
    total_steps = _whole("total_steps", total_steps, 1)
    num_cycles = above_zero("num_cycles", num_cycles)
    max_lr = number("max_lr", max_lr)
    if step < warmup_steps:
        return max_lr * (step / max(1, warmup_steps))
    progress = (step - warmup_steps) / max(1, total_steps - warmup_steps)
    if progress >= 1.0:
        return 0.0
    return max_lr * max(0.0, 0.5 * (1.0 + math.cos(math.pi * ((num_cycles * progress) % 1.0))))


def get_cosine_hard_restarts_scheduler(optimizer, warmup_steps, total_steps, num_cycles=1):
    """transformers' get_cosine_with_hard_restarts_schedule_with_warmup(optimizer,
    num_warmup_steps=warmup_steps, num_training_steps=total_steps, num_cycles), a LambdaLR."""
    from transformers.optimization import get_cosine_with_hard_restarts_schedule_with_warmup

    return get_cosine_with_hard_restarts_schedule_with_warmup(
        optimizer, num_warmup_steps=warmup_steps, num_training_steps=total_steps,
        num_cycles=num_cycles,
    )
