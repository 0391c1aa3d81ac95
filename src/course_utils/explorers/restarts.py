"""Explorers for the schedules that go back up: SGDR's warm restarts and CyclicLR."""

from collections.abc import Callable

import ipywidgets as widgets

from course_utils.explorers.schedulers import _after, _steps, _up_to
from course_utils.explorers.widget import (
    ScheduleExplorer,
    float_slider,
    int_slider,
    learner_curve,
    log_slider,
)
from course_utils.plotting import Panel
from course_utils.schedules.restarts import CYCLIC_MODES, last_cycle_end, restart_steps
from course_utils.torch_traces_part2 import cyclic_momentum_trace, warm_restarts_trace


def warm_restarts_explorer(
    learner_fn: Callable | None = None, logy: bool = False
) -> ScheduleExplorer:
    """CosineAnnealingWarmRestarts vs the learner's warm_restarts_lr(step, T_0, T_mult, max_lr,
    min_lr); dotted lines at the restarts, and where a budget of total_steps should stop."""
    sliders = {
        "total_steps": int_slider("total_steps", 200, 10, 1000, 10),
        "T_0": int_slider("T_0", 10, 1, 100),
        "T_mult": int_slider("T_mult", 2, 1, 4),
        "max_lr": log_slider("max_lr", 0.1, -4, 0),
        "min_lr": float_slider("min_lr", 0.0, 0.0, 0.05, 0.001),
    }

    def compute(total_steps, T_0, T_mult, max_lr, min_lr):
        trace = warm_restarts_trace(T_0, T_mult, max_lr, min_lr, total_steps)
        restarts = restart_steps(T_0, T_mult, total_steps)
        stop = last_cycle_end(total_steps, T_0, T_mult)
        ends = "ends on a cycle end" if stop == total_steps else (
            f"stop at {stop} instead" if stop else "no cycle ends in time")
        caption = (f"restarts {', '.join(map(str, restarts[:5]))}"
                   f"{' …' if len(restarts) > 5 else ''} · lr at {total_steps}: "
                   f"{trace[-1]:.1e} · {ends}")
        curves = {"torch CosineAnnealingWarmRestarts": (_steps(total_steps), trace)}
        return Panel(curves, marks=tuple(restarts), caption=caption)

    learner = learner_curve(learner_fn, "warm_restarts_lr", _up_to("total_steps"),
                            _after("total_steps"))
    return ScheduleExplorer(compute, sliders, learner=learner, learner_name="warm_restarts_lr",
                            title="Cosine annealing with warm restarts (SGDR)", logy=logy)


def cyclic_explorer(learner_fn: Callable | None = None) -> ScheduleExplorer:
    """CyclicLR's lr and momentum (two axes) vs the learner's cyclic_lr(step, base_lr, max_lr,
    step_size_up, mode, gamma); the learner's curve is drawn when step_size_down equals
    step_size_up (the exercise has no step_size_down)."""
    sliders = {
        "n_steps": int_slider("steps", 200, 20, 1000, 10),
        "mode": widgets.ToggleButtons(options=list(CYCLIC_MODES), value="exp_range",
                                      description="mode"),
        "base_lr": log_slider("base_lr", 1e-3, -5, -1),
        "max_lr": log_slider("max_lr", 6e-3, -4, 0),
        "step_size_up": int_slider("step_size_up", 20, 1, 200),
        "step_size_down": int_slider("step_size_down", 20, 1, 200),
        "gamma": float_slider("gamma", 0.995, 0.95, 1.0, 0.001),
    }

    def compute(n_steps, mode, base_lr, max_lr, step_size_up, step_size_down, gamma):
        lrs, momentums = cyclic_momentum_trace(base_lr, max_lr, step_size_up, mode, gamma,
                                               n_steps, step_size_down)
        cycle = step_size_up + step_size_down
        peaks = [t for t in range(step_size_up, n_steps + 1, cycle)][:4]
        caption = "peaks " + ", ".join(f"{lrs[t]:.2e}" for t in peaks) + (
            " …" if n_steps >= 4 * cycle + step_size_up else "")
        xs = _steps(n_steps)
        return [
            Panel({f"torch CyclicLR ({mode})": (xs, lrs)}, "lr", caption=caption),
            Panel({"torch CyclicLR momentum": (xs, momentums)}, "momentum"),
        ]

    def learner(n_steps, mode, base_lr, max_lr, step_size_up, step_size_down, gamma):
        if step_size_down != step_size_up:
            return {}  # the exercise's cyclic_lr has no step_size_down
        curve = learner_curve(learner_fn, "cyclic_lr", lambda **_: _steps(n_steps))
        return curve(base_lr=base_lr, max_lr=max_lr, step_size_up=step_size_up, mode=mode,
                     gamma=gamma)

    return ScheduleExplorer(
        compute, sliders, learner=learner if learner_fn else None, learner_name="cyclic_lr",
        title="CyclicLR", figsize=(6.4, 5.0),
    )
