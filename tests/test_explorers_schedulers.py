"""explorers.schedulers: torch's curves and facts per scheduler; every slider redraws."""

import math

import matplotlib

matplotlib.use("Agg")

import matplotlib.figure
import pytest
import torch

from course_utils import explorers
from tests.explorer_helpers import moved, stub, torch_line


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
    mine, theirs = (ln.get_ydata() for ln in explorer.canvas.axes[0].lines[1:3])
    assert list(mine) == pytest.approx(list(theirs))


def test_one_cycle_has_lr_and_momentum_axes():
    explorer = explorers.one_cycle_explorer(stub)
    explorer.update(total_steps=1000, max_lr=0.1, pct_start=0.3)
    lr, momentum = torch_line(explorer, 0).get_ydata(), torch_line(explorer, 1).get_ydata()
    assert len(explorer.canvas.axes) == 2
    assert (lr[0], lr[299], lr[999]) == pytest.approx((0.004, 0.1, 4e-7))
    assert (momentum[0], momentum[299]) == pytest.approx((0.95, 0.85))
    assert explorer.note_text == "implement one_cycle_lr to see your curve here"


def test_plateau_explorer_marks_the_cuts_and_checks_the_learner_length():
    explorer = explorers.plateau_explorer(lambda losses, *args: [0.1] * (len(losses) - 1))
    trace = torch_line(explorer, 1).get_ydata()
    cuts = [t for t in range(1, len(trace)) if trace[t] < trace[t - 1]]
    assert cuts  # the default loss curve stalls enough to cut
    marks = [x for x in explorer.canvas.marks[1].get_xdata() if not math.isnan(x)]
    assert marks == [x for c in cuts for x in (c, c)]
    assert explorer.note_text == "reduce_on_plateau returned 99 lrs for 100 losses: one per loss"


def test_step_explorers_draw_stairs():
    from course_utils.explorers import multistep_explorer, step_explorer

    for explorer in (step_explorer(), multistep_explorer()):
        explorer.render()
        styles = {line.get_drawstyle() for ax in explorer.figure.axes for line in ax.lines
                  if not line.get_label().startswith("_")}  # curves, not the marks
        assert styles == {"steps-post"}


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
        slider.value = moved(slider)
        assert explorer.last_png != before, f"{make.__name__}: moving {name} changed nothing"


def test_reference_error_is_shown_and_keeps_the_last_image():
    explorer = explorers.multistep_explorer()
    before = explorer.last_png
    explorer.sliders["milestones"].value = "30, sixty"
    assert "milestones must be whole numbers" in explorer.note_text
    assert explorer.last_png == before
