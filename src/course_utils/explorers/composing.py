"""The composition explorer: a LinearLR warmup and a cosine, handed over by SequentialLR at a
milestone or multiplied by ChainedScheduler, with the learner's sequential_warmup_cosine_lr."""

from collections.abc import Callable

from course_utils.explorers.widget import ScheduleExplorer, float_slider, int_slider, learner_curve
from course_utils.plotting import Panel
from course_utils.torch_traces_part2 import (
    chained_warmup_cosine_trace,
    sequential_warmup_cosine_trace,
)

BASE_LR = 0.1  # the explorer's fixed base lr (the shapes are what the sliders change)


def _length(milestone: int, T_max: int) -> int:
    """Steps shown: past milestone + T_max, far enough to see torch's cosine rise again."""
    return milestone + T_max + T_max // 4


def composition_explorer(learner_fn: Callable | None = None, logy: bool = False
                         ) -> ScheduleExplorer:
    """SequentialLR and ChainedScheduler of LinearLR(start_factor → 1 over warmup_steps) and
    CosineAnnealingLR(T_max), base lr 0.1, vs the learner's sequential_warmup_cosine_lr."""
    sliders = {
        "warmup_steps": int_slider("warmup_steps", 20, 1, 100),
        "milestone": int_slider("milestone", 20, 0, 150),
        "T_max": int_slider("T_max", 100, 10, 300, 5),
        "start_factor": float_slider("start_factor", 0.1, 0.01, 1.0),
    }

    def compute(warmup_steps, milestone, T_max, start_factor):
        n = _length(milestone, T_max)
        handed = sequential_warmup_cosine_trace(BASE_LR, warmup_steps, milestone, T_max,
                                                start_factor, 0.0, n)
        chained = chained_warmup_cosine_trace(BASE_LR, warmup_steps, T_max, start_factor, 0.0, n)
        before = handed[milestone - 1] if milestone else handed[0]
        peak = max(range(n + 1), key=lambda t: (chained[t], -t))
        caption = (f"milestone: {before:.3g} → {handed[milestone]:.3g} · chained peak "
                   f"{chained[peak]:.3g} (step {peak})")
        steps = list(range(n + 1))
        curves = {"torch SequentialLR": (steps, handed),
                  "ChainedScheduler": (steps, chained)}
        return Panel(curves, marks=(warmup_steps, milestone), caption=caption, logy=logy)

    def xs(warmup_steps, milestone, T_max, start_factor):
        return list(range(_length(milestone, T_max) + 1))

    def args(warmup_steps, milestone, T_max, start_factor):
        return (BASE_LR, warmup_steps, milestone, T_max, start_factor, 0.0)

    learner = learner_curve(learner_fn, "sequential_warmup_cosine_lr", xs, args)
    return ScheduleExplorer(compute, sliders, learner=learner,
                            learner_name="sequential_warmup_cosine_lr",
                            title="Warmup then cosine: handed over or multiplied", logy=logy)
