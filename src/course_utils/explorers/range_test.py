"""The LR range test explorer: a real sweep on the digits, its smoothed loss and a suggestion."""

import math
from collections.abc import Callable

import ipywidgets as widgets

from course_utils.answers import AnswerError, to_float_list
from course_utils.explorers.widget import (
    ScheduleExplorer,
    float_slider,
    int_slider,
    log_slider,
)
from course_utils.plotting import Panel
from course_utils.range_test import RULES, digits_range_test, read_curve
from course_utils.schedules.range_test import smoothed_losses, steps_per_decade

BATCH_SIZES = (16, 32, 64, 128, 256)


def _retrain(slider):
    slider.continuous_update = False  # each new value trains a new sweep: on release only
    return slider


def range_test_explorer(learner_fn: Callable | None = None) -> ScheduleExplorer:
    """The loss of a real range test (digits MLP, SGD momentum 0.9) against log10(lr), smoothed
    with beta, stopped at stop_factor × its minimum, with the chosen rule's suggestion marked.
    learner_fn: the learner's smoothed_losses(losses, beta), drawn over the course's."""
    sliders = {
        "beta": float_slider("smoothing beta", 0.98, 0.0, 0.995, 0.005),
        "start_lr": _retrain(log_slider("start_lr", 1e-7, -8, -2)),
        "end_lr": _retrain(log_slider("end_lr", 10.0, -1, 2)),
        "num_steps": _retrain(int_slider("num_steps", 100, 20, 300, 10)),
        "batch_size": widgets.SelectionSlider(
            options=BATCH_SIZES, value=64, description="batch_size", continuous_update=False,
            style={"description_width": "initial"}, layout={"width": "420px"}),
        "seed": _retrain(int_slider("seed", 0, 0, 9)),
        "rule": widgets.Dropdown(options=list(RULES), value="minimum / 10",
                                 description="suggestion", style={"description_width": "initial"}),
        "stop_factor": float_slider("stop at × min", 4.0, 1.5, 10.0, 0.5),
    }

    def compute(beta, start_lr, end_lr, num_steps, batch_size, seed, rule, stop_factor):
        test = digits_range_test(seed, batch_size, start_lr, end_lr, num_steps)
        x = [math.log10(lr) for lr in test.lrs]
        smoothed = smoothed_losses(test.losses, beta)
        stop, kept, suggestion = read_curve(test.lrs, smoothed, num_steps, rule, stop_factor)
        lag = beta / (1 - beta)
        ended = "never" if stop is None else f"step {stop} (lr {test.lrs[stop]:.2g})"
        caption = (f"{rule}: {suggestion:.2g} · stop at {stop_factor:g} × min: {ended}\n"
                   f"lag β/(1−β) = {lag:.1f} steps "
                   f"= {lag / steps_per_decade(start_lr, end_lr, num_steps):.2f} decades")
        marks = [math.log10(suggestion)] + ([] if stop is None else [x[stop]])
        curves = {"loss per batch": (x, test.losses),
                  f"smoothed, β = {beta:g}": (x[:kept], smoothed[:kept])}
        return Panel(curves, "training loss", logy=True, marks=marks, caption=caption)

    def learner(beta, start_lr, end_lr, num_steps, batch_size, seed, rule, stop_factor):
        test = digits_range_test(seed, batch_size, start_lr, end_lr, num_steps)
        values = to_float_list(learner_fn(list(test.losses), beta))
        if len(values) != len(test.losses):
            raise AnswerError(f"returned {len(values)} values for {len(test.losses)} losses: "
                              "one per loss")
        return {"your smoothed_losses": ([math.log10(lr) for lr in test.lrs], values)}

    return ScheduleExplorer(
        compute, sliders, learner=learner if learner_fn else None,
        learner_name="smoothed_losses", title="LR range test on the digits (SGD, momentum 0.9)",
        xlabel="log10(lr)",
    )
