"""One explorer per scheduler: torch's curve (with computed facts) next to the learner's."""

import math
from collections.abc import Callable
from functools import lru_cache
from itertools import pairwise

from course_utils.answers import AnswerError, to_float_list
from course_utils.explorers.widget import (
    ScheduleExplorer,
    float_slider,
    int_slider,
    learner_curve,
    log_slider,
    text_box,
)
from course_utils.plotting import Panel
from course_utils.torch_traces import (
    cosine_trace,
    exponential_trace,
    multistep_trace,
    one_cycle_trace,
    plateau_trace,
    step_trace,
    warmup_cosine_trace,
)


def _steps(n: int) -> list[int]:
    return list(range(n + 1))


def _up_to(length: str) -> Callable:
    """xs for a LearnerCurve: 0 .. the value of the `length` slider."""
    return lambda **params: _steps(params[length])


def _after(length: str) -> Callable:
    """args for a LearnerCurve: every slider's value but `length`'s, in slider order."""
    return lambda **params: tuple(v for k, v in params.items() if k != length)


def cosine_explorer(learner_fn: Callable | None = None, logy: bool = False) -> ScheduleExplorer:
    """CosineAnnealingLR vs the learner's cosine_lr(step, total_steps, max_lr, min_lr)."""
    sliders = {
        "total_steps": int_slider("total_steps", 100, 10, 1000, 10),
        "max_lr": log_slider("max_lr", 1e-3, -5, 0),
        "min_lr": log_slider("min_lr", 1e-6, -8, -2),
    }

    def compute(total_steps, max_lr, min_lr):
        trace = cosine_trace(total_steps, max_lr, min_lr)
        caption = f"halfway (step {total_steps // 2}): {trace[total_steps // 2]:.2e}"
        return Panel({"torch CosineAnnealingLR": (_steps(total_steps), trace)}, caption=caption)

    return ScheduleExplorer(
        compute, sliders, learner=learner_curve(learner_fn, "cosine_lr", _up_to("total_steps")),
        learner_name="cosine_lr", title="Cosine annealing", logy=logy,
    )


def warmup_cosine_explorer(
    learner_fn: Callable | None = None, logy: bool = False
) -> ScheduleExplorer:
    """LinearLR warmup + CosineAnnealingLR (torch) vs the learner's warmup_cosine_schedule."""
    sliders = {
        "warmup_steps": int_slider("warmup_steps", 10, 0, 1000, 1),
        "total_steps": int_slider("total_steps", 100, 10, 1000, 10),
        "max_lr": log_slider("max_lr", 3e-4, -5, 0),
        "min_lr": log_slider("min_lr", 1e-6, -8, -2),
    }
    warmup, total = sliders["warmup_steps"], sliders["total_steps"]
    warmup.max = total.value

    def clamp_warmup(change):
        warmup.max = change["new"]  # ipywidgets clamps warmup.value itself

    total.observe(clamp_warmup, names="value")

    def compute(warmup_steps, total_steps, max_lr, min_lr):
        warmup_steps = min(warmup_steps, total_steps)
        trace = warmup_cosine_trace(warmup_steps, total_steps, max_lr, min_lr)
        caption = (f"step 1: {trace[1]:.1e} · peak {max(trace):.1e} at step "
                   f"{trace.index(max(trace))} · end {trace[-1]:.1e}")
        curves = {"torch LinearLR → CosineAnnealingLR": (_steps(total_steps), trace)}
        return Panel(curves, caption=caption)

    learner = learner_curve(learner_fn, "warmup_cosine_schedule", _up_to("total_steps"))
    return ScheduleExplorer(
        compute, sliders, learner=learner, learner_name="warmup_cosine_schedule",
        title="Linear warmup, then cosine", logy=logy,
    )


def _epoch_sliders(**more) -> dict:
    return {"epochs": int_slider("epochs", 100, 10, 300, 10),
            "base_lr": log_slider("base_lr", 0.1, -4, 0), **more}


def _over_epochs(title: str, name: str, sliders: dict, trace: Callable, caption: Callable,
                 learner_fn: Callable | None, logy: bool, steps: bool = False,
                 args: Callable | None = None) -> ScheduleExplorer:
    """torch's `title` scheduler over epochs 0 .. epochs: trace(**sliders) gives its lrs,
    caption(lrs, **sliders) the facts written on the plot; the learner's `name` beside it."""

    def compute(**params):
        lrs = trace(**params)
        curves = {f"torch {title}": (_steps(params["epochs"]), lrs)}
        return Panel(curves, caption=caption(lrs, **params))

    learner = learner_curve(learner_fn, name, _up_to("epochs"), args or _after("epochs"))
    return ScheduleExplorer(compute, sliders, learner=learner, learner_name=name, title=title,
                            xlabel="epoch", logy=logy, steps=steps)


def step_explorer(learner_fn: Callable | None = None, logy: bool = False) -> ScheduleExplorer:
    """StepLR vs the learner's step_lr(epoch, base_lr, step_size, gamma)."""
    sliders = _epoch_sliders(step_size=int_slider("step_size", 30, 1, 100),
                             gamma=float_slider("gamma", 0.1, 0.01, 0.99))

    def trace(epochs, base_lr, step_size, gamma):
        return step_trace(base_lr, step_size, gamma, n_steps=epochs)

    def caption(lrs, **_):
        return f"{sum(b < a for a, b in pairwise(lrs))} drops · final lr {lrs[-1]:.2e}"

    return _over_epochs("StepLR", "step_lr", sliders, trace, caption, learner_fn, logy, True)


def parse_milestones(text: str) -> tuple[int, ...]:
    """'30, 60, 90' -> (30, 60, 90); ValueError naming the bad item."""
    items = [item.strip() for item in str(text).replace(";", ",").split(",") if item.strip()]
    try:
        milestones = tuple(int(item) for item in items)
    except ValueError:
        msg = f"milestones must be whole numbers separated by commas, got {text!r}"
        raise ValueError(msg) from None
    if any(m < 0 for m in milestones):
        raise ValueError(f"milestones must be ≥ 0, got {text!r}")
    return milestones


def multistep_explorer(learner_fn: Callable | None = None, logy: bool = False) -> ScheduleExplorer:
    """MultiStepLR vs the learner's multistep_lr(epoch, base_lr, milestones, gamma)."""
    sliders = _epoch_sliders(milestones=text_box("milestones", "30, 60, 90"),
                             gamma=float_slider("gamma", 0.1, 0.01, 0.99))

    def trace(epochs, base_lr, milestones, gamma):
        return multistep_trace(base_lr, parse_milestones(milestones), gamma, n_steps=epochs)

    def caption(lrs, **_):
        drops = [t for t in range(1, len(lrs)) if lrs[t] < lrs[t - 1]]
        return f"drops at epochs {drops} · final lr {lrs[-1]:.2e}"

    def args(epochs, base_lr, milestones, gamma):
        return base_lr, list(parse_milestones(milestones)), gamma  # the learner gets a list

    return _over_epochs("MultiStepLR", "multistep_lr", sliders, trace, caption, learner_fn,
                        logy, True, args)


def exponential_explorer(
    learner_fn: Callable | None = None, logy: bool = False
) -> ScheduleExplorer:
    """ExponentialLR vs the learner's exponential_lr(epoch, base_lr, gamma)."""
    sliders = _epoch_sliders(gamma=float_slider("gamma", 0.95, 0.8, 0.999, 0.001))

    def trace(epochs, base_lr, gamma):
        return exponential_trace(base_lr, gamma, n_steps=epochs)

    def caption(lrs, gamma, **_):
        return (f"halves every {math.log(0.5) / math.log(gamma):.1f} epochs · "
                f"final lr {lrs[-1]:.2e}")

    return _over_epochs("ExponentialLR", "exponential_lr", sliders, trace, caption, learner_fn,
                        logy)


def one_cycle_explorer(learner_fn: Callable | None = None, logy: bool = False) -> ScheduleExplorer:
    """OneCycleLR lr and momentum (two axes) vs the learner's one_cycle_lr."""
    sliders = {
        "total_steps": int_slider("total_steps", 1000, 20, 5000, 20),
        "max_lr": log_slider("max_lr", 0.1, -4, 0),
        "pct_start": float_slider("pct_start", 0.3, 0.05, 0.95),
        "div_factor": float_slider("div_factor", 25.0, 1.0, 100.0, 1.0),
        "final_div_factor": log_slider("final_div_factor", 1e4, 0, 6),
    }

    def compute(total_steps, max_lr, pct_start, div_factor, final_div_factor):
        lrs, momentums = one_cycle_trace(
            total_steps, max_lr, pct_start, div_factor, final_div_factor
        )
        xs = list(range(total_steps))
        peak = lrs.index(max(lrs))
        caption = f"start {lrs[0]:.1e} · peak {lrs[peak]:.1e} at step {peak} · end {lrs[-1]:.1e}"
        return [
            Panel({"torch OneCycleLR": (xs, lrs)}, "lr", logy, caption=caption),
            Panel({"torch OneCycleLR momentum": (xs, momentums)}, "momentum"),
        ]

    def xs(total_steps, **_):
        return range(total_steps)  # OneCycleLR has no step total_steps

    return ScheduleExplorer(
        compute, sliders, learner=learner_curve(learner_fn, "one_cycle_lr", xs),
        learner_name="one_cycle_lr", title="OneCycleLR", figsize=(6.4, 5.0),
    )


@lru_cache(maxsize=256)
def plateau_losses(epochs: int, noise: float, seed: int = 0) -> tuple[float, ...]:
    """A validation-loss curve that falls, then stalls: 0.3 + 0.7·exp(-t/6) + noise."""
    import numpy as np

    rng = np.random.default_rng(seed)
    t = np.arange(1, epochs + 1)
    return tuple(float(v) for v in 0.3 + 0.7 * np.exp(-t / 6) + noise * rng.standard_normal(epochs))


def plateau_explorer(learner_fn: Callable | None = None, logy: bool = True) -> ScheduleExplorer:
    """ReduceLROnPlateau on a stalling loss (two axes: loss, lr; dotted lines at the cuts)."""
    base_lr, min_lr = 0.1, 0.0
    sliders = {
        "epochs": int_slider("epochs", 100, 20, 300, 10),
        "noise": float_slider("loss noise", 0.005, 0.0, 0.05, 0.002),
        "factor": float_slider("factor", 0.1, 0.05, 0.9, 0.05),
        "patience": int_slider("patience", 10, 0, 30),
        "threshold": log_slider("threshold", 1e-4, -6, -1),
        "cooldown": int_slider("cooldown", 0, 0, 20),
    }

    def compute(epochs, noise, factor, patience, threshold, cooldown):
        losses = plateau_losses(epochs, noise)
        trace = plateau_trace(losses, base_lr, factor, patience, threshold, cooldown, min_lr)
        cuts = [t for t in range(1, len(trace)) if trace[t] < trace[t - 1]]
        return [
            Panel({"validation loss": (list(range(1, epochs + 1)), losses)}, "loss", marks=cuts),
            Panel({"torch ReduceLROnPlateau": (_steps(epochs), trace)}, "lr", logy, cuts,
                  caption=f"better = below best × (1 − {threshold:.1e}) · {len(cuts)} cuts · "
                  f"final lr {trace[-1]:.1e}"),
        ]

    def learner(epochs, noise, factor, patience, threshold, cooldown):
        losses = list(plateau_losses(epochs, noise))
        lrs = to_float_list(learner_fn(losses, base_lr, factor, patience, threshold, cooldown,
                                       min_lr))
        if len(lrs) != epochs:
            raise AnswerError(f"returned {len(lrs)} lrs for {epochs} losses: one per loss")
        return {"your reduce_on_plateau": (list(range(1, epochs + 1)), lrs)}

    return ScheduleExplorer(
        compute, sliders, learner=learner if learner_fn else None, learner_panel=1,
        learner_name="reduce_on_plateau", title="ReduceLROnPlateau", xlabel="epoch",
        figsize=(6.4, 5.0),
    )
