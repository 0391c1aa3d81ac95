"""explorers.restarts: SGDR and CyclicLR explorers draw torch's curves; every control redraws."""

import math

import matplotlib

matplotlib.use("Agg")

import pytest

from course_utils import explorers, schedules
from course_utils.torch_traces_part2 import cyclic_trace, warm_restarts_trace
from tests.explorer_helpers import moved, stub


def curve(explorer, prefix, panel=0):
    (line,) = [ln for ln in explorer.canvas.axes[panel].lines
               if ln.get_label().startswith(prefix) and ln.get_visible()]
    return list(line.get_ydata())


def test_warm_restarts_curve_marks_and_caption():
    explorer = explorers.warm_restarts_explorer()
    explorer.update(total_steps=100, T_0=10, T_mult=2, max_lr=0.1, min_lr=0.0)
    assert curve(explorer, "torch") == pytest.approx(warm_restarts_trace(10, 2, 0.1, 0.0, 100))
    marks = [x for x in explorer.canvas.marks[0].get_xdata() if not math.isnan(x)]
    assert marks == [x for r in (10, 30, 70) for x in (r, r)]
    caption = explorer.canvas.captions[0].get_text()
    lr_100 = 0.1 * (1 + math.cos(math.pi * 30 / 80)) / 2  # 30 steps into the 80-step cycle
    assert caption == f"restarts 10, 30, 70 · lr at 100: {lr_100:.1e} · stop at 70 instead"
    explorer.update(total_steps=150)
    assert "ends on a cycle end" in explorer.canvas.captions[0].get_text()


def test_warm_restarts_learner_is_drawn_over_torch():
    explorer = explorers.warm_restarts_explorer(schedules.warm_restarts_lr)
    assert curve(explorer, "your") == pytest.approx(curve(explorer, "torch"), abs=1e-15)
    assert explorer.note_text == ""
    assert explorers.warm_restarts_explorer(stub).note_text == (
        "implement warm_restarts_lr to see your curve here")


def test_cyclic_curves_lr_and_momentum():
    explorer = explorers.cyclic_explorer()
    explorer.update(n_steps=100, mode="triangular2", base_lr=1e-3, max_lr=6e-3,
                    step_size_up=10, step_size_down=10)
    lrs = curve(explorer, "torch CyclicLR (triangular2)")
    assert lrs == pytest.approx(cyclic_trace(1e-3, 6e-3, 10, "triangular2", 0.995, 100, 10))
    momentum = curve(explorer, "torch CyclicLR momentum", panel=1)
    assert (momentum[0], momentum[10], momentum[20]) == pytest.approx((0.9, 0.8, 0.9))
    assert explorer.canvas.captions[0].get_text().startswith("peaks 6.00e-03, 3.50e-03")


def test_cyclic_learner_only_when_the_fall_equals_the_rise():
    explorer = explorers.cyclic_explorer(schedules.cyclic_lr)
    assert curve(explorer, "your") == pytest.approx(curve(explorer, "torch"), abs=1e-15)
    explorer.update(step_size_down=30)
    assert not [ln for ln in explorer.canvas.axes[0].lines
                if ln.get_label().startswith("your") and ln.get_visible()]
    assert explorer.note_text == ""
    assert explorers.cyclic_explorer(stub).note_text == "implement cyclic_lr to see your curve here"


@pytest.mark.parametrize("make", [explorers.warm_restarts_explorer, explorers.cyclic_explorer],
                         ids=lambda f: f.__name__)
def test_every_control_changes_the_picture(make):
    """Each control in turn, as the browser test moves the sliders; the mode toggle last, since
    gamma acts only in the explorer's opening mode, exp_range."""
    explorer = make()
    controls = sorted(explorer.sliders.items(), key=lambda item: item[0] == "mode")
    for name, control in controls:
        before = explorer.render()
        control.value = moved(control)
        assert explorer.last_png != before, f"{make.__name__}: moving {name} changed nothing"
