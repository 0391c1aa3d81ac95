"""Tests for course_utils.explorers: in-place redraws, learner notes, torch as the oracle."""

import math

import matplotlib

matplotlib.use("Agg")

import ipywidgets as widgets
import matplotlib.figure
import matplotlib.pyplot as plt
import pytest
import torch

from course_utils import explorers

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def cosine_lr(step, total_steps, max_lr=1e-3, min_lr=1e-6):
    progress = min(step, total_steps) / total_steps
    return min_lr + (max_lr - min_lr) * (1 + math.cos(math.pi * progress)) / 2


def stub(*args):
    raise NotImplementedError


def labels(explorer, panel=0):
    lines = explorer._axes[panel].lines
    return [ln.get_label() for ln in lines if ln.get_visible() and ln.get_label() != "_marks"]


def torch_line(explorer, panel=0):
    (line,) = [ln for ln in explorer._axes[panel].lines if ln.get_label().startswith("torch")]
    return line


@pytest.fixture
def figure_count(monkeypatch):
    """How many matplotlib Figures get constructed from now on."""
    created = []
    original = matplotlib.figure.Figure.__init__

    def counting_init(self, *args, **kwargs):
        created.append(self)
        original(self, *args, **kwargs)

    monkeypatch.setattr(matplotlib.figure.Figure, "__init__", counting_init)
    return created


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


def test_slider_move_redraws_in_place_without_new_figures(figure_count):
    explorer = explorers.cosine_explorer(cosine_lr)
    figure, line = explorer.figure, torch_line(explorer)
    figure_count.clear()
    pyplot_figures = plt.get_fignums()
    pngs = [explorer.last_png]
    for total_steps in (200, 300, 50):
        explorer.sliders["total_steps"].value = total_steps
        pngs.append(explorer.last_png)
    assert len(set(pngs)) == 4
    assert explorer.render_count == 4
    assert explorer.image.value == pngs[-1]
    assert explorer.figure is figure and torch_line(explorer) is line
    assert len(line.get_xdata()) == 51
    assert figure_count == []
    assert plt.get_fignums() == pyplot_figures


def test_blitted_redraw_equals_a_full_redraw():
    explorer = explorers.cosine_explorer(cosine_lr)
    first, full_draws = explorer.last_png, explorer.full_draw_count
    explorer.update(max_lr=1.1e-3)  # same rounded y limit: only the lines are redrawn
    assert explorer.full_draw_count == full_draws
    assert explorer.last_png != first
    explorer.update(max_lr=1e-3)
    assert explorer.full_draw_count == full_draws
    assert explorer.last_png == first  # no stale line left behind by the blit


def test_blit_off_redraws_everything_with_the_same_result():
    def compute(n):
        return {"torch": ([0, 1, 2], [1.0, 0.5, n / 100])}

    pngs = []
    for blit in (True, False):
        explorer = explorers.ScheduleExplorer(
            compute, {"n": widgets.IntSlider(10, 0, 100)}, blit=blit
        )
        explorer.update(n=11)
        assert explorer.full_draw_count == (1 if blit else 2)
        pngs.append(explorer.last_png)
    assert pngs[0] == pngs[1]


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
def test_learner_non_number_is_named(answer):
    explorer = explorers.cosine_explorer(lambda *args: answer)
    assert explorer.note_text.startswith(f"cosine_lr returned {answer!r} at step 0")
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


def test_reference_error_is_shown_and_keeps_the_last_image():
    explorer = explorers.multistep_explorer()
    before = explorer.last_png
    explorer.sliders["milestones"].value = "30, sixty"
    assert "milestones must be whole numbers" in explorer.note_text
    assert explorer.last_png == before


def test_cosine_curve_is_torchs():
    explorer = explorers.cosine_explorer()
    explorer.update(total_steps=50, max_lr=0.1, min_lr=1e-3)
    optimizer = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1)
    scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=50, eta_min=1e-3)
    expected = [0.1]
    for _ in range(50):
        optimizer.step()
        scheduler.step()
        expected.append(optimizer.param_groups[0]["lr"])
    line = torch_line(explorer)
    assert list(line.get_xdata()) == list(range(51))
    assert list(line.get_ydata()) == pytest.approx(expected, rel=1e-12)


def test_warmup_slider_cannot_pass_total_steps():
    explorer = explorers.warmup_cosine_explorer()
    explorer.sliders["total_steps"].value = 500
    explorer.sliders["warmup_steps"].value = 400
    explorer.sliders["total_steps"].value = 200
    assert explorer.sliders["warmup_steps"].value == 200
    assert explorer.note_text == ""
    assert len(torch_line(explorer).get_xdata()) == 201


def test_update_applies_parameters_in_order():
    explorer = explorers.warmup_cosine_explorer()
    explorer.update(total_steps=1000, warmup_steps=500)
    assert explorer.params()["warmup_steps"] == 500
    with pytest.raises(ValueError, match="warmup_steps=900"):
        explorer.update(total_steps=600, warmup_steps=900)


def test_step_and_exponential_curves_are_torchs():
    step = explorers.step_explorer()
    step.update(epochs=60, base_lr=0.1, step_size=30, gamma=0.1)
    ys = torch_line(step).get_ydata()
    assert (ys[29], ys[30], ys[60]) == pytest.approx((0.1, 0.01, 0.001))
    exponential = explorers.exponential_explorer()
    exponential.update(epochs=10, base_lr=0.01, gamma=0.95)
    assert torch_line(exponential).get_ydata()[10] == pytest.approx(0.005987, rel=1e-4)


def test_multistep_learner_gets_the_milestones_as_a_list():
    seen = []

    def multistep_lr(epoch, base_lr, milestones, gamma=0.1):
        seen.append(milestones)
        return base_lr * gamma ** sum(m <= epoch for m in milestones)

    explorer = explorers.multistep_explorer(multistep_lr)
    assert seen[0] == [30, 60, 90]
    mine, theirs = (ln.get_ydata() for ln in explorer._axes[0].lines[1:3])
    assert list(mine) == pytest.approx(list(theirs))


def test_one_cycle_has_lr_and_momentum_axes():
    explorer = explorers.one_cycle_explorer(stub)
    explorer.update(total_steps=1000, max_lr=0.1, pct_start=0.3)
    lr, momentum = torch_line(explorer, 0).get_ydata(), torch_line(explorer, 1).get_ydata()
    assert len(explorer._axes) == 2
    assert (lr[0], lr[299], lr[999]) == pytest.approx((0.004, 0.1, 4e-7))
    assert (momentum[0], momentum[299]) == pytest.approx((0.95, 0.85))
    assert explorer.note_text == "implement one_cycle_lr to see your curve here"


def test_plateau_explorer_marks_the_cuts_and_checks_the_learner_length():
    explorer = explorers.plateau_explorer(lambda losses, *args: [0.1] * (len(losses) - 1))
    trace = torch_line(explorer, 1).get_ydata()
    cuts = [t for t in range(1, len(trace)) if trace[t] < trace[t - 1]]
    assert cuts  # the default loss curve stalls enough to cut
    marks = [x for x in explorer._marks[1].get_xdata() if not math.isnan(x)]
    assert marks == [x for c in cuts for x in (c, c)]
    assert explorer.note_text == "reduce_on_plateau returned 99 lrs for 100 losses: one per loss"


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


def test_undrawable_learner_curve_is_a_note_and_the_next_move_recovers():
    def learner(n):
        return {"your curve": ([0, 1, 2], [1.0] * n)}

    explorer = explorers.ScheduleExplorer(
        lambda n: {"torch": ([0, 1, 2], [1.0, 0.5, 0.25])},
        {"n": widgets.IntSlider(3, 0, 5)}, learner=learner,
    )
    good = explorer.last_png
    explorer.update(n=2)
    assert explorer.note_text.startswith("could not draw the curves")
    assert explorer.last_png == good
    explorer.update(n=3)
    assert explorer.note_text == ""
    assert explorer.last_png == good


def test_step_explorers_draw_stairs():
    from course_utils.explorers import multistep_explorer, step_explorer

    for explorer in (step_explorer(), multistep_explorer()):
        explorer.render()
        styles = {line.get_drawstyle() for ax in explorer.figure.axes for line in ax.lines
                  if not line.get_label().startswith("_")}  # curves, not the marks
        assert styles == {"steps-post"}


def _nudged(slider):
    """The slider's value one step away (down when already at the top), like an arrow key."""
    import ipywidgets as widgets

    if isinstance(slider, widgets.Text):
        return "20, 50"
    if isinstance(slider, widgets.FloatLogSlider):
        exponent = math.log(slider.value, slider.base)
        up = exponent + slider.step <= slider.max
        return slider.base ** (exponent + (slider.step if up else -slider.step))
    up = slider.value + slider.step <= slider.max
    return slider.value + (slider.step if up else -slider.step)


@pytest.mark.parametrize(
    "make",
    [explorers.cosine_explorer, explorers.warmup_cosine_explorer, explorers.step_explorer,
     explorers.multistep_explorer, explorers.exponential_explorer, explorers.one_cycle_explorer,
     explorers.plateau_explorer],
    ids=lambda f: f.__name__,
)
def test_every_slider_step_changes_the_picture(make):
    explorer = make()
    for name, slider in explorer.sliders.items():
        before = explorer.render()
        slider.value = _nudged(slider)
        assert explorer.last_png != before, f"{make.__name__}: moving {name} changed nothing"


def test_a_hanging_learner_function_becomes_a_note(monkeypatch):
    import time

    monkeypatch.setattr(explorers, "LEARNER_TIME_LIMIT", 0.5)

    def endless(step, total_steps, max_lr=1e-3, min_lr=1e-6):
        while True:
            time.sleep(0.01)

    explorer = explorers.cosine_explorer(learner_fn=endless)
    explorer.render()
    assert "endless loop" in explorer.note_text
    assert explorer.last_png  # torch's curve is still drawn
