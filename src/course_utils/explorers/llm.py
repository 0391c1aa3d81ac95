"""Explorers for notebook 12: the Noam schedule and warmup-stable-decay, drawn by transformers.

The curves are transformers' own LambdaLR factors times the base lr, evaluated at every plotted
step (hf_traces.hf_curve), so a long schedule redraws at once.
"""

from collections.abc import Callable

import ipywidgets as widgets

from course_utils.explorers.widget import (
    ScheduleExplorer,
    float_slider,
    int_slider,
    learner_curve,
    log_slider,
)
from course_utils.hf_traces import hf_curve
from course_utils.plotting import Panel

DECAY_TYPES = ("linear", "cosine", "1-sqrt")
MAX_POINTS = 600  # plotted steps per curve


def _grid(last: int, *marks: int) -> list[int]:
    """0 .. last, about MAX_POINTS steps, always including both ends and the marks (a peak is
    drawn where it is)."""
    stride = max(1, -(-last // MAX_POINTS))
    return sorted({*range(0, last + 1, stride), last, *(m for m in marks if 0 <= m <= last)})


def noam_explorer(learner_fn: Callable | None = None, logy: bool = False) -> ScheduleExplorer:
    """Vaswani et al.'s schedule (transformers' inverse sqrt, scaled) vs the learner's noam_lr."""
    sliders = {
        "d_model": int_slider("d_model", 512, 64, 4096, 64),
        "warmup_steps": int_slider("warmup_steps", 4000, 100, 20000, 100),
        "factor": float_slider("factor", 1.0, 0.1, 5.0, 0.1),
    }

    def compute(d_model, warmup_steps, factor):
        peak = factor * (d_model * warmup_steps) ** -0.5
        steps = _grid(5 * warmup_steps, warmup_steps)
        lrs = hf_curve("get_inverse_sqrt_schedule", peak, steps, num_warmup_steps=warmup_steps)
        caption = (f"peak {peak:.2e} at step {warmup_steps} · at 5×warmup {lrs[-1]:.2e} "
                   f"(peak/√5)")
        curves = {"reference: transformers inverse sqrt, scaled": (steps, lrs)}
        return Panel(curves, logy=logy, marks=(warmup_steps,), caption=caption)

    def xs(d_model, warmup_steps, factor):
        return _grid(5 * warmup_steps, warmup_steps)

    return ScheduleExplorer(
        compute, sliders, learner=learner_curve(learner_fn, "noam_lr", xs),
        learner_name="noam_lr", title="Noam: warmup, then 1/√step", logy=logy,
    )


def wsd_explorer(learner_fn: Callable | None = None, logy: bool = False) -> ScheduleExplorer:
    """transformers' get_wsd_schedule (all three decay shapes) vs the learner's wsd_lr."""
    sliders = {
        "total_steps": int_slider("total_steps", 1000, 100, 10000, 100),
        "warmup_steps": int_slider("warmup_steps", 50, 0, 2000, 10),
        "decay_steps": int_slider("decay_steps", 200, 1, 5000, 10),
        "max_lr": log_slider("max_lr", 3e-4, -5, -1),
        "min_lr": log_slider("min_lr", 3e-5, -7, -1),
        "decay_type": widgets.Dropdown(options=DECAY_TYPES, value="1-sqrt",
                                       description="decay_type"),
    }

    def lengths(total_steps, warmup_steps, decay_steps):
        """The sliders' lengths, made consistent: warmup + decay <= total."""
        decay = min(decay_steps, total_steps)
        return total_steps, min(warmup_steps, total_steps - decay), decay

    def compute(total_steps, warmup_steps, decay_steps, max_lr, min_lr, decay_type):
        total, warmup, decay = lengths(total_steps, warmup_steps, decay_steps)
        floor = min(min_lr, max_lr)
        start = total - decay
        steps = _grid(total + total // 10, warmup, start, total)
        curves = {}
        for kind in sorted(DECAY_TYPES, key=lambda k: k != decay_type):  # the chosen one first
            lrs = hf_curve("get_wsd_schedule", max_lr, steps, num_warmup_steps=warmup,
                           num_decay_steps=decay, num_training_steps=total, decay_type=kind,
                           min_lr_ratio=floor / max_lr)
            label = f"reference: transformers, {kind}"
            curves[label if kind == decay_type else f"({kind})"] = (steps, lrs)
        caption = (f"stable {start - warmup} steps ({(start - warmup) / total:.0%}) · decay "
                   f"{decay} ({decay / total:.0%}) · floor {floor / max_lr:.0%} of peak")
        return Panel(curves, logy=logy, marks=(warmup, start, total), caption=caption)

    def xs(total_steps, warmup_steps, decay_steps, **_):
        total, warmup, decay = lengths(total_steps, warmup_steps, decay_steps)
        return _grid(total + total // 10, warmup, total - decay, total)

    def args(total_steps, warmup_steps, decay_steps, max_lr, min_lr, decay_type):
        total, warmup, decay = lengths(total_steps, warmup_steps, decay_steps)
        return total, warmup, decay, max_lr, min(min_lr, max_lr), decay_type

    return ScheduleExplorer(
        compute, sliders, learner=learner_curve(learner_fn, "wsd_lr", xs, args),
        learner_name="wsd_lr", title="Warmup-stable-decay", logy=logy,
    )
