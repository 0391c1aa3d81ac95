"""explorers.composing: torch's SequentialLR and ChainedScheduler curves; every slider redraws."""

import matplotlib

matplotlib.use("Agg")

import pytest

from course_utils import explorers, schedules
from tests.explorer_helpers import moved


def lines(explorer):
    return {ln.get_label(): ln for ln in explorer.canvas.axes[0].lines}


def test_the_curves_are_torchs_sequential_and_chained():
    explorer = explorers.composition_explorer()
    explorer.update(warmup_steps=3, milestone=3, T_max=10, start_factor=0.1)
    drawn = lines(explorer)
    handed = drawn["torch SequentialLR"].get_ydata()
    chained = drawn["ChainedScheduler"].get_ydata()
    assert len(handed) == 3 + 10 + 2 + 1
    want = [schedules.sequential_warmup_cosine_lr(t, 0.1, 3, 3, 10, 0.1) for t in range(16)]
    assert list(handed) == pytest.approx(want, rel=1e-12)
    warm = {"scheduler": "LinearLR", "kwargs": {"start_factor": 0.1, "total_iters": 3}}
    cosine = {"scheduler": "CosineAnnealingLR", "kwargs": {"T_max": 10}}
    assert list(chained[:11]) == pytest.approx(
        [schedules.chained_lr(t, 0.1, [warm, cosine]) for t in range(11)], rel=1e-12)
    assert "0.07 → 0.1" in explorer.canvas.axes[0].texts[0].get_text()


def test_learner_curve_gets_the_sliders_in_the_exercise_order():
    calls = []

    def sequential_warmup_cosine_lr(step, base_lr, warmup_steps, milestone, T_max,
                                    start_factor=0.1, eta_min=0.0):
        calls.append((base_lr, warmup_steps, milestone, T_max, start_factor, eta_min))
        return schedules.sequential_warmup_cosine_lr(step, base_lr, warmup_steps, milestone,
                                                     T_max, start_factor, eta_min)

    explorer = explorers.composition_explorer(sequential_warmup_cosine_lr)
    assert calls[0] == (0.1, 20, 20, 100, 0.1, 0.0)
    mine = lines(explorer)["your sequential_warmup_cosine_lr"].get_ydata()
    handed = lines(explorer)["torch SequentialLR"].get_ydata()
    assert list(mine) == pytest.approx(list(handed), rel=1e-9)
    assert explorer.note_text == ""


def test_stub_learner_gets_a_note():
    def stub(*args):
        raise NotImplementedError

    explorer = explorers.composition_explorer(stub)
    assert explorer.note_text == "implement sequential_warmup_cosine_lr to see your curve here"


def test_every_slider_step_changes_the_picture():
    explorer = explorers.composition_explorer()
    for name, slider in explorer.sliders.items():
        before = explorer.render()
        slider.value = moved(slider)
        assert explorer.last_png != before, f"moving {name} changed nothing"
