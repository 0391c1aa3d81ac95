"""explorers.range_test: a real sweep, its smoothed loss and suggestion; every control redraws."""

import math

import matplotlib

matplotlib.use("Agg")

import pytest

from course_utils import explorers, range_test
from course_utils.schedules import smoothed_losses
from tests.explorer_helpers import moved


def curves(explorer):
    return {line.get_label(): line for line in explorer.canvas.axes[0].lines
            if line.get_visible() and line.get_label() != "_marks"}


def marks(explorer):
    return sorted({x for x in explorer.canvas.marks[0].get_xdata() if not math.isnan(x)})


@pytest.fixture(scope="module")
def explorer():
    return explorers.range_test_explorer()


def test_the_curve_is_the_digits_sweep_with_fastais_reading(explorer):
    explorer.update(beta=0.98, start_lr=1e-7, end_lr=10.0, num_steps=100, batch_size=64,
                    seed=0, rule="minimum / 10", stop_factor=4.0)
    test = range_test.digits_range_test(0, 64, 1e-7, 10.0, 100)
    lines = curves(explorer)
    raw = lines["loss per batch"]
    assert list(raw.get_xdata()) == pytest.approx([math.log10(lr) for lr in test.lrs])
    assert list(raw.get_ydata()) == test.losses
    smoothed = smoothed_losses(test.losses, 0.98)
    _, kept, suggestion = range_test.read_curve(test.lrs, smoothed, 100)
    assert list(lines["smoothed, β = 0.98"].get_ydata()) == smoothed[:kept]
    assert marks(explorer)[0] == pytest.approx(math.log10(suggestion))
    assert "minimum / 10" in explorer.canvas.captions[0].get_text()


def test_a_stop_truncates_the_smoothed_curve_and_is_marked(explorer):
    explorer.update(beta=0.5, stop_factor=2.0, seed=0, batch_size=64, num_steps=100,
                    start_lr=1e-7, end_lr=10.0)
    test = range_test.digits_range_test(0, 64, 1e-7, 10.0, 100)
    stop = range_test.divergence_step(smoothed_losses(test.losses, 0.5), 2.0)
    assert stop is not None
    assert len(curves(explorer)["smoothed, β = 0.5"].get_xdata()) == stop + 1
    assert math.log10(test.lrs[stop]) in marks(explorer)
    assert f"step {stop}" in explorer.canvas.captions[0].get_text()


def test_the_learners_smoothing_is_drawn_and_checked():
    def short(losses, beta=0.98):
        return smoothed_losses(losses, beta)[:-1]

    def stub(losses, beta=0.98):
        raise NotImplementedError

    assert "your smoothed_losses" in curves(explorers.range_test_explorer(smoothed_losses))
    assert explorers.range_test_explorer(stub).note_text == (
        "implement smoothed_losses to see your curve here")
    assert explorers.range_test_explorer(short).note_text == (
        "smoothed_losses returned 99 values for 100 losses: one per loss")


def test_every_control_changes_the_picture():
    explorer = explorers.range_test_explorer()
    for name, control in explorer.sliders.items():
        before = explorer.render()
        control.value = moved(control)
        assert explorer.last_png != before, f"moving {name} changed nothing"
        assert explorer.note_text == ""


def test_sweep_sliders_redraw_on_release_only():
    explorer = explorers.range_test_explorer()
    for name in ("start_lr", "end_lr", "num_steps", "batch_size", "seed"):
        assert explorer.sliders[name].continuous_update is False, name
    assert explorer.sliders["beta"].continuous_update is True
