"""explorers.widget: a PNG per render, sliders updated together, the learner's curve or a note."""

import math

import matplotlib

matplotlib.use("Agg")

import ipywidgets as widgets
import matplotlib.figure
import matplotlib.pyplot as plt
import pytest

from course_utils import explorers
from tests.explorer_helpers import PNG_MAGIC, cosine_lr, labels, stub, torch_line


def test_explorer_renders_a_png_into_its_image_widget():
    explorer = explorers.cosine_explorer(cosine_lr)
    assert explorer.render_count == 1
    assert explorer.last_png.startswith(PNG_MAGIC)
    assert explorer.image.value == explorer.last_png
    assert isinstance(explorer.widget, widgets.VBox)
    assert explorer.image in explorer.widget.children
    assert labels(explorer) == ["torch CosineAnnealingLR", "your cosine_lr"]
    assert explorer.note_text == ""
    view = explorer._repr_mimebundle_()["application/vnd.jupyter.widget-view+json"]
    assert view["model_id"] == explorer.widget.model_id


def test_update_sets_several_sliders_with_one_render():
    explorer = explorers.warmup_cosine_explorer()
    count = explorer.render_count
    explorer.update(max_lr=1e-2, min_lr=1e-4)
    assert explorer.render_count == count + 1
    assert max(torch_line(explorer).get_ydata()) == pytest.approx(1e-2)


def test_update_rejects_unknown_and_out_of_range_parameters():
    explorer = explorers.cosine_explorer()
    with pytest.raises(ValueError, match="unknown parameter"):
        explorer.update(T_max=10)
    with pytest.raises(ValueError, match="outside the slider's range"):
        explorer.update(total_steps=10**6)


def test_not_implemented_stub_shows_torch_only_and_a_note():
    explorer = explorers.cosine_explorer(stub)
    assert labels(explorer) == ["torch CosineAnnealingLR"]
    assert explorer.note_text == "implement cosine_lr to see your curve here"
    assert "implement cosine_lr" in explorer.note.value
    explorer.update(total_steps=20)  # still alive after a move
    assert explorer.render_count == 2


def test_learner_error_text_is_shown_not_raised():
    def broken(step, total_steps, max_lr, min_lr):
        raise ValueError("progress must be in [0, 1]")

    explorer = explorers.cosine_explorer(broken)
    assert explorer.note_text == "cosine_lr raised ValueError: progress must be in [0, 1]"
    assert "ValueError" in explorer.note.value
    assert labels(explorer) == ["torch CosineAnnealingLR"]


def test_learner_error_text_is_html_escaped():
    def broken(*args):
        raise ValueError("<b>bold</b>")

    explorer = explorers.cosine_explorer(broken)
    assert "<b>" not in explorer.note.value and "&lt;b&gt;" in explorer.note.value


@pytest.mark.parametrize("answer", [None, "0.1", [0.1], True])
def test_learner_non_number_gets_the_checks_words(answer):
    from course_utils.answers import AnswerError, to_float

    with pytest.raises(AnswerError) as error:
        to_float(answer)
    explorer = explorers.cosine_explorer(lambda *args: answer)
    assert explorer.note_text == f"cosine_lr {error.value} (at step 0)"
    assert explorer.note_text.startswith("cosine_lr returned ")
    assert labels(explorer) == ["torch CosineAnnealingLR"]


def test_learner_nan_is_drawn_with_a_note():
    explorer = explorers.cosine_explorer(lambda s, *args: math.nan if s == 5 else 1e-3)
    assert explorer.note_text == "cosine_lr returned nan at step 5"
    assert "your cosine_lr" in labels(explorer)


def test_learner_curve_comes_back_after_a_fix():
    calls = {"broken": True}

    def learner(*args):
        if calls["broken"]:
            raise NotImplementedError
        return cosine_lr(*args)

    explorer = explorers.cosine_explorer(learner)
    calls["broken"] = False
    explorer.update(total_steps=120)
    assert labels(explorer) == ["torch CosineAnnealingLR", "your cosine_lr"]
    assert explorer.note_text == ""


def test_plot_static_is_a_pyplot_figure_of_the_same_curves():
    explorer = explorers.cosine_explorer(stub)
    fig = explorer.plot_static()
    try:
        assert fig.number in plt.get_fignums()
        assert [line.get_label() for line in fig.axes[0].lines] == ["torch CosineAnnealingLR"]
        assert list(fig.axes[0].lines[0].get_ydata()) == list(torch_line(explorer).get_ydata())
    finally:
        plt.close(fig)
    fig = explorers.one_cycle_explorer().plot_static()
    assert len(fig.axes) == 2
    plt.close(fig)


def test_explorer_needs_sliders_and_a_valid_compute():
    with pytest.raises(ValueError, match="at least one slider"):
        explorers.ScheduleExplorer(lambda: {}, {})
    bad = explorers.ScheduleExplorer(lambda n: 42, {"n": widgets.IntSlider(3)})
    assert "compute must return" in bad.note_text


def test_a_hanging_learner_function_becomes_a_note(monkeypatch):
    import time

    monkeypatch.setattr(explorers.widget, "LEARNER_TIME_LIMIT", 0.5)

    def endless(step, total_steps, max_lr=1e-3, min_lr=1e-6):
        while True:
            time.sleep(0.01)

    explorer = explorers.cosine_explorer(learner_fn=endless)
    explorer.render()
    assert "endless loop" in explorer.note_text
    assert explorer.last_png  # torch's curve is still drawn


@pytest.mark.parametrize("make", [explorers.cosine_explorer, explorers.warmup_cosine_explorer,
                                  explorers.step_explorer, explorers.multistep_explorer,
                                  explorers.exponential_explorer, explorers.one_cycle_explorer,
                                  explorers.plateau_explorer], ids=lambda f: f.__name__)
@pytest.mark.parametrize("logy", [False, True])
def test_every_explorer_takes_logy_for_its_lr_axis(make, logy):
    explorer = make(logy=logy)
    lr_axes = [ax for ax in explorer.canvas.axes if ax.get_ylabel() == "lr"]
    assert [ax.get_yscale() for ax in lr_axes] == ["log" if logy else "linear"]
