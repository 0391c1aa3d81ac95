"""Transformer and LLM schedules in closed form: Noam, transformers' warmup schedules, WSD.

The `*_with_warmup_lr`, `inverse_sqrt_lr` and `wsd_schedule_lr` functions are Hugging Face
transformers' LambdaLR factors times the base lr, with transformers' parameter names; `noam_lr`
and `wsd_lr` are the course's exercises (DESIGN's Part II table). tests/test_schedules_llm.py
checks each against transformers' own scheduler run on a torch optimizer.
"""

import math

from course_utils.schedules.arguments import above_zero, at_least, number

DECAY_TYPES = ("linear", "cosine", "1-sqrt")


def _step(step) -> float:
    return at_least("step", step, 0)


def noam_lr(step, d_model=512, warmup_steps=4000, factor=1.0) -> float:
    """Vaswani et al. (2017) §5.3: factor·d_model^-0.5·min(step^-0.5, step·warmup_steps^-1.5).

    Linear warmup to the peak factor·(d_model·warmup_steps)^-0.5 at step warmup_steps, then
    1/sqrt(step). The formula divides by zero at step 0; like transformers, it is 0.0 there.
    """
    step = _step(step)
    d_model = above_zero("d_model", d_model)
    warmup_steps = above_zero("warmup_steps", warmup_steps)
    factor = number("factor", factor)
    if step == 0:
        return 0.0
    return factor * d_model**-0.5 * min(step**-0.5, step * warmup_steps**-1.5)


def noam_peak(d_model=512, warmup_steps=4000, factor=1.0) -> float:
    """The Noam schedule's highest lr, reached at step warmup_steps: factor·(d_model·W)^-0.5."""
    d_model = above_zero("d_model", d_model)
    warmup_steps = above_zero("warmup_steps", warmup_steps)
    return number("factor", factor) * (d_model * warmup_steps) ** -0.5


def _warmup(step, num_warmup_steps) -> float:
    """transformers' warmup factor: step / max(1, num_warmup_steps)."""
    return step / max(1, num_warmup_steps)


def _check_lengths(num_warmup_steps, num_training_steps) -> tuple[float, float]:
    warmup = at_least("num_warmup_steps", num_warmup_steps, 0)
    total = at_least("num_training_steps", num_training_steps, 0)
    return warmup, total


def linear_with_warmup_lr(step, base_lr, num_warmup_steps, num_training_steps) -> float:
    """transformers.get_linear_schedule_with_warmup: 0 -> base_lr over the warmup, then
    linearly to 0 at num_training_steps, and 0 after it."""
    step, base_lr = _step(step), number("base_lr", base_lr)
    warmup, total = _check_lengths(num_warmup_steps, num_training_steps)
    if step < warmup:
        return base_lr * _warmup(step, warmup)
    return base_lr * max(0.0, (total - step) / max(1, total - warmup))


def cosine_with_warmup_lr(step, base_lr, num_warmup_steps, num_training_steps, num_cycles=0.5,
                          min_lr_rate=0.0) -> float:
    """transformers.get_cosine_schedule_with_warmup (min_lr_rate 0) and
    get_cosine_with_min_lr_schedule_with_warmup: warmup from 0, then a cosine of num_cycles
    waves (0.5: half a wave) from base_lr to min_lr_rate·base_lr. Not clamped: past
    num_training_steps it rises again."""
    step, base_lr = _step(step), number("base_lr", base_lr)
    warmup, total = _check_lengths(num_warmup_steps, num_training_steps)
    num_cycles, min_lr_rate = number("num_cycles", num_cycles), number("min_lr_rate", min_lr_rate)
    if step < warmup:
        return base_lr * _warmup(step, warmup)
    progress = (step - warmup) / max(1, total - warmup)
    factor = 0.5 * (1.0 + math.cos(math.pi * num_cycles * 2.0 * progress))
    return base_lr * max(0.0, factor * (1 - min_lr_rate) + min_lr_rate)


def inverse_sqrt_lr(step, base_lr, num_warmup_steps, timescale=None) -> float:
    """transformers.get_inverse_sqrt_schedule: warmup from 0, then
    base_lr / sqrt((step + timescale - num_warmup_steps) / timescale); timescale defaults to
    num_warmup_steps (or 10 000 without warmup). With the default it is the Noam curve scaled
    to peak base_lr: base_lr·sqrt(W / step)."""
    step, base_lr = _step(step), number("base_lr", base_lr)
    warmup = at_least("num_warmup_steps", num_warmup_steps, 0)
    if timescale is None:
        timescale = warmup or 10_000
    timescale = above_zero("timescale", timescale)
    if step < warmup:
        return base_lr * _warmup(step, warmup)
    return base_lr / math.sqrt((step + timescale - warmup) / timescale)


def _shape(kind: str, progress: float, rising: bool, num_cycles: float = 0.5) -> float:
    """A warmup (rising) or decay factor in [0, 1] of the given shape at progress in [0, 1]."""
    if rising:
        return {"linear": progress, "cosine": 0.5 * (1.0 - math.cos(math.pi * progress)),
                "1-sqrt": 1.0 - math.sqrt(1.0 - progress)}[kind]
    return {"linear": 1.0 - progress,
            "cosine": 0.5 * (1.0 + math.cos(math.pi * num_cycles * 2.0 * progress)),
            "1-sqrt": 1.0 - math.sqrt(progress)}[kind]


def wsd_schedule_lr(step, base_lr, num_warmup_steps, num_decay_steps, num_training_steps,
                    warmup_type="linear", decay_type="cosine", min_lr_ratio=0.0,
                    num_cycles=0.5) -> float:
    """transformers.get_wsd_schedule: warmup from min_lr_ratio·base_lr to base_lr, constant,
    then a decay of num_decay_steps ending at num_training_steps, back to min_lr_ratio·base_lr,
    which it keeps from then on."""
    step, base_lr = _step(step), number("base_lr", base_lr)
    warmup = at_least("num_warmup_steps", num_warmup_steps, 0)
    decay = at_least("num_decay_steps", num_decay_steps, 0)
    total = at_least("num_training_steps", num_training_steps, 0)
    floor = number("min_lr_ratio", min_lr_ratio)
    for name, kind in (("warmup_type", warmup_type), ("decay_type", decay_type)):
        if kind not in DECAY_TYPES:
            raise ValueError(f"unknown {name} {kind!r}; choose one of {', '.join(DECAY_TYPES)}")
    stable = total - warmup - decay
    if stable < 0:
        raise ValueError(f"num_warmup_steps + num_decay_steps ({warmup:g} + {decay:g}) must be "
                         f"<= num_training_steps ({total:g})")
    if step < warmup:
        factor = _shape(warmup_type, step / max(1, warmup), rising=True)
    elif step < warmup + stable:
        return base_lr
    elif step < total:
        factor = _shape(decay_type, (step - warmup - stable) / max(1, decay), False, num_cycles)
    else:
        return base_lr * floor
    return base_lr * max(0.0, factor * (1.0 - floor) + floor)


def wsd_lr(step, total_steps, warmup_steps, decay_steps, max_lr, min_lr=0.0,
           decay_type="linear") -> float:
    """Warmup-stable-decay: linear warmup min_lr -> max_lr over warmup_steps, max_lr until the
    decay's last decay_steps steps (ending at total_steps), decay back to min_lr (linear,
    cosine or 1-sqrt), then min_lr. transformers' get_wsd_schedule with
    min_lr_ratio = min_lr / max_lr."""
    max_lr = above_zero("max_lr", max_lr)
    min_lr = at_least("min_lr", min_lr, 0)
    return wsd_schedule_lr(step, max_lr, warmup_steps, decay_steps, total_steps,
                           decay_type=decay_type, min_lr_ratio=min_lr / max_lr)
