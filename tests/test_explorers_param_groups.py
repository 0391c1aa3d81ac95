"""explorers.param_groups: per-layer lrs from torch's AdamW, every slider redraws."""

import matplotlib

matplotlib.use("Agg")

import pytest
import torch

from course_utils import explorers
from course_utils.exercises import EXERCISES

SOLUTION = EXERCISES["layerwise_param_groups"].solution


def curve(explorer, label):
    (line,) = [ln for ln in explorer.canvas.axes[0].lines if ln.get_label() == label]
    return list(line.get_xdata()), list(line.get_ydata())


def test_every_slider_redraws_the_image():
    explorer = explorers.layerwise_explorer()
    for name, value in [("n_layers", 5), ("decay", 0.9), ("base_lr", 1e-2), ("eta_min", 1e-4)]:
        before = explorer.last_png
        explorer.update(**{name: value})
        assert explorer.last_png != before, name
        assert explorer.note_text == ""


def test_peak_curve_is_what_adamw_applies_and_the_floor_pulls_ratios_to_one():
    explorer = explorers.layerwise_explorer()
    explorer.update(n_layers=4, decay=0.5, base_lr=0.1, eta_min=1e-3)
    xs, ys = curve(explorer, "torch AdamW, t = 0")
    assert xs == [0, 1, 2, 3, 4]
    assert ys == pytest.approx([0.1 * 0.5**k for k in (4, 3, 2, 1, 0)], rel=1e-12)
    _, late = curve(explorer, "t = 90")
    group = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1 * 0.5**4)
    scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(group, T_max=100, eta_min=1e-3)
    for _ in range(90):
        group.step()
        scheduler.step()
    assert late[0] == pytest.approx(group.param_groups[0]["lr"], rel=1e-12)
    assert late[0] / late[-1] > ys[0] / ys[-1]  # the shared floor shrinks the spread
    assert "bottom / head at t = 0, 50, 90: 0.0625" in explorer.panels()[0][0].caption


def test_learner_curve_joins_and_mistakes_are_noted():
    explorer = explorers.layerwise_explorer(SOLUTION)
    explorer.update(n_layers=3, decay=0.8)
    xs, ys = curve(explorer, "your layerwise_param_groups")
    assert xs == [0, 1, 2, 3]
    assert ys == pytest.approx(curve(explorer, "torch AdamW, t = 0")[1], rel=1e-12)

    def twice(layers, head, base_lr, decay=0.75, weight_decay=0.01):
        params = [p for m in [*layers, head] for p in m.parameters()]
        return [{"params": params}, {"params": params[:1]}]

    noted = explorers.layerwise_explorer(twice)
    assert "layers[0]'s weight in 2 groups" in noted.note_text

    def stub(*args):
        raise NotImplementedError

    assert explorers.layerwise_explorer(stub).note_text.startswith("implement")


def test_the_explorer_leaves_the_global_random_state_alone():
    torch.manual_seed(3)
    expected = torch.rand(3)
    torch.manual_seed(3)
    explorers.layerwise_explorer(SOLUTION).update(n_layers=7)
    assert torch.equal(torch.rand(3), expected)
