"""The layer-wise lr decay explorer: each layer's lr (torch's AdamW groups), and what a cosine
with a shared absolute floor does to them; the learner's layerwise_param_groups beside it."""

from collections.abc import Callable

from course_utils.answers import AnswerError
from course_utils.explorers.widget import ScheduleExplorer, float_slider, int_slider, log_slider
from course_utils.plotting import Panel
from course_utils.torch_traces import cosine_trace
from course_utils.torch_traces_part2 import layerwise_lrs

TOTAL_STEPS = 100  # the cosine every group follows, with the shared floor eta_min
SHOWN_AT = (50, 90)  # steps whose per-layer lrs are drawn next to the peak


def _learner_lrs(fn: Callable, n_layers: int, base_lr: float, decay: float) -> list[float]:
    """The lr AdamW applies to each layer's weight (bottom to top), then the head's, from the
    learner's groups on n_layers Linear layers."""
    import torch

    from course_utils.exercises.group_harness import settings

    with torch.random.fork_rng(devices=[]):
        modules = [torch.nn.Linear(2, 2) for _ in range(n_layers + 1)]
    layers, head = modules[:-1], modules[-1]
    answer = settings(fn(layers, head, base_lr, decay, 0.01),
                      [(str(i), m.weight) for i, m in enumerate(modules)])
    for i, count in enumerate(answer["count"]):
        where = "the head" if i == n_layers else f"layers[{i}]"
        if count != 1:
            raise AnswerError(f"put {where}'s weight in {count} groups; it belongs in one")
    return answer["lr"]


def layerwise_explorer(learner_fn: Callable | None = None, logy: bool = True) -> ScheduleExplorer:
    """Per-layer lrs of layer-wise decay (torch's AdamW), at the peak and along a cosine that
    shares one absolute floor, vs the learner's layerwise_param_groups."""
    sliders = {
        "n_layers": int_slider("n_layers", 12, 1, 24),
        "decay": float_slider("decay", 0.75, 0.5, 1.0, 0.01),
        "base_lr": log_slider("base_lr", 1e-3, -5, -1),
        "eta_min": log_slider("eta_min (shared floor)", 1e-6, -8, -3),
    }

    def compute(n_layers, decay, base_lr, eta_min):
        lrs = layerwise_lrs(n_layers, base_lr, decay)
        xs = list(range(n_layers + 1))
        curves = {"torch AdamW, t = 0": (xs, list(lrs))}
        ratios = [lrs[0] / lrs[-1]]
        for t in SHOWN_AT:
            at_t = [cosine_trace(TOTAL_STEPS, lr, eta_min)[t] for lr in lrs]
            curves[f"t = {t}"] = (xs, at_t)
            ratios.append(at_t[0] / at_t[-1])
        caption = (f"bottom / head at t = 0, {', '.join(map(str, SHOWN_AT))}: "
                   + ", ".join(f"{r:.3g}" for r in ratios))
        return Panel(curves, "lr", logy, caption=caption)

    def learner(n_layers, decay, base_lr, eta_min):
        xs = list(range(n_layers + 1))
        return {"your layerwise_param_groups": (xs, _learner_lrs(learner_fn, n_layers, base_lr,
                                                                 decay))}

    return ScheduleExplorer(
        compute, sliders, learner=learner if learner_fn else None,
        learner_name="layerwise_param_groups",
        title=f"Layer-wise lr decay, then a cosine to eta_min over {TOTAL_STEPS} steps",
        xlabel="layer (0 = bottom; the head is last)",
        logy=logy,
    )
