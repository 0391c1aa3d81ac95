"""explorers.canvas: one figure redrawn in place; blitting gives what a full redraw gives."""

import matplotlib

matplotlib.use("Agg")

import ipywidgets as widgets
import matplotlib.figure
import matplotlib.pyplot as plt
import pytest

from course_utils import explorers
from tests.explorer_helpers import cosine_lr, torch_line


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
