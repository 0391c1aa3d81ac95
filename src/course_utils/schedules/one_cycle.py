"""OneCycleLR's closed form: the lr, and the momentum that moves against it."""

import math

from course_utils.schedules.arguments import above_zero, at_least, number


def _one_cycle(step, total_steps, pct_start, start, peak, end) -> float:
    """torch's two-phase OneCycleLR cos anneal: start -> peak (phase 1), peak -> end (phase 2)."""
    step = at_least("step", step, 0)
    total_steps = above_zero("total_steps", total_steps)
    pct_start = number("pct_start", pct_start)
    if not 0 <= pct_start <= 1:
        raise ValueError(f"pct_start must be in [0, 1], got {pct_start!r}")
    if step >= total_steps:
        raise ValueError(
            f"step must be < total_steps ({total_steps:g}), got {step:g}: "
            "torch's OneCycleLR extrapolates at step total_steps and raises after it"
        )
    end_phase1 = float(pct_start * total_steps) - 1
    end_phase2 = total_steps - 1
    if step <= end_phase1:
        if end_phase1 == 0:
            raise ValueError(
                "pct_start * total_steps == 1 gives a zero-length first phase "
                "(torch's OneCycleLR divides by zero there)"
            )
        pct, a, b = step / end_phase1, start, peak
    else:
        pct, a, b = (step - end_phase1) / (end_phase2 - end_phase1), peak, end
    return b + (a - b) / 2.0 * (math.cos(math.pi * pct) + 1)


def one_cycle_lr(
    step, total_steps, max_lr, pct_start=0.3, div_factor=25.0, final_div_factor=1e4
) -> float:
    """OneCycleLR(anneal_strategy='cos', three_phase=False) lr at 0 <= step < total_steps.

    Starts at max_lr / div_factor, peaks at step pct_start * total_steps - 1,
    ends at max_lr / div_factor / final_div_factor on step total_steps - 1.
    """
    max_lr = number("max_lr", max_lr)
    div_factor = above_zero("div_factor", div_factor)
    final_div_factor = above_zero("final_div_factor", final_div_factor)
    initial_lr = max_lr / div_factor
    return _one_cycle(
        step, total_steps, pct_start, initial_lr, max_lr, initial_lr / final_div_factor
    )


def one_cycle_momentum(
    step, total_steps, pct_start=0.3, base_momentum=0.85, max_momentum=0.95
) -> float:
    """OneCycleLR's momentum (SGD momentum or Adam beta1): max -> base -> max, inverse to the lr."""
    base_momentum = number("base_momentum", base_momentum)
    max_momentum = number("max_momentum", max_momentum)
    return _one_cycle(step, total_steps, pct_start, max_momentum, base_momentum, max_momentum)
