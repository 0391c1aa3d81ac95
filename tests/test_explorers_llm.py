"""explorers.llm: transformers' curves for Noam and WSD; every slider redraws; the learner's."""

import matplotlib

matplotlib.use("Agg")

import pytest

from course_utils import explorers, schedules
from course_utils.exercises.noam import noam_lr
from course_utils.exercises.wsd import wsd_lr
from tests.explorer_helpers import moved


def reference_line(explorer):
    (line,) = [ln for ln in explorer.canvas.axes[0].lines
               if ln.get_visible() and ln.get_label().startswith("reference")]
    return line


@pytest.mark.parametrize("make", [explorers.noam_explorer, explorers.wsd_explorer])
def test_every_control_redraws(make):
    explorer = make()
    for name, widget in explorer.sliders.items():
        before = explorer.last_png
        widget.value = moved(widget)
        assert explorer.last_png != before, name
        assert explorer.note_text == "", (name, explorer.note_text)


def test_noam_curve_is_the_closed_form():
    explorer = explorers.noam_explorer()
    explorer.update(d_model=256, warmup_steps=1000, factor=2.0)
    line = reference_line(explorer)
    xs, ys = line.get_xdata(), line.get_ydata()
    assert xs[0] == 0 and xs[-1] == 5000
    want = [schedules.noam_lr(int(x), 256, 1000, 2.0) for x in xs]
    assert list(ys) == pytest.approx(want, rel=1e-12)
    assert max(ys) == pytest.approx(schedules.noam_peak(256, 1000, 2.0), rel=1e-12)


@pytest.mark.parametrize("decay_type", ["linear", "cosine", "1-sqrt"])
def test_wsd_curve_is_the_closed_form(decay_type):
    explorer = explorers.wsd_explorer()
    explorer.update(total_steps=2000, warmup_steps=100, decay_steps=400, max_lr=1e-3,
                    min_lr=1e-4, decay_type=decay_type)
    line = reference_line(explorer)
    assert decay_type in line.get_label()
    want = [schedules.wsd_lr(int(x), 2000, 100, 400, 1e-3, 1e-4, decay_type)
            for x in line.get_xdata()]
    assert list(line.get_ydata()) == pytest.approx(want, rel=1e-9)


def test_wsd_lengths_that_do_not_fit_are_clamped_not_an_error():
    explorer = explorers.wsd_explorer()
    explorer.update(total_steps=100, warmup_steps=2000, decay_steps=5000)
    assert explorer.note_text == ""
    assert "stable 0 steps" in explorer.panels()[0][0].caption


@pytest.mark.parametrize("make, fn", [(explorers.noam_explorer, noam_lr),
                                      (explorers.wsd_explorer, wsd_lr)])
def test_learner_curve_drawn_and_stub_noted(make, fn):
    explorer = make(learner_fn=fn)
    labels = [ln.get_label() for ln in explorer.canvas.axes[0].lines if ln.get_visible()]
    assert any(label.startswith("your") for label in labels)

    def stub(*args):
        raise NotImplementedError

    assert make(learner_fn=stub).note_text.startswith("implement")
