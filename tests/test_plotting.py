"""Tests for course_utils.plotting: static figures carry the right lines, limits, styles."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pytest

from course_utils.plotting import (
    Panel,
    axis_limits,
    line_style,
    nice_ceil,
    plot_panels,
    plot_schedules,
)

CURVES = {
    "torch CosineAnnealingLR": ([0, 1, 2, 3], [1.0, 0.75, 0.25, 0.0]),
    "your cosine_lr": ([0, 1, 2, 3], [1.0, 0.7, 0.3, 0.0]),
}


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def test_plot_schedules_draws_one_line_per_curve_with_its_data():
    fig = plot_schedules(CURVES, title="Cosine")
    ax = fig.axes[0]
    assert [line.get_label() for line in ax.lines] == list(CURVES)
    for line, (xs, ys) in zip(ax.lines, CURVES.values(), strict=True):
        assert list(line.get_xdata()) == xs
        assert list(line.get_ydata()) == ys
    assert ax.get_title() == "Cosine"
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("step", "lr")
    assert [t.get_text() for t in ax.get_legend().get_texts()] == list(CURVES)


def test_plot_schedules_styles_torch_solid_and_learner_dashed():
    ax = plot_schedules(CURVES).axes[0]
    assert ax.lines[0].get_linestyle() == "-"
    assert ax.lines[1].get_linestyle() == "--"


def test_plot_schedules_uses_a_pyplot_figure_and_a_given_axes():
    before = len(plt.get_fignums())
    plot_schedules(CURVES)
    assert len(plt.get_fignums()) == before + 1
    _, ax = plt.subplots()
    assert plot_schedules(CURVES, ax=ax) is ax.figure
    assert len(ax.lines) == 2


def test_plot_schedules_log_scale_and_marks():
    curves = {"torch StepLR": ([0, 1, 2, 3], [0.1, 0.1, 0.01, 0.01])}
    ax = plot_schedules(curves, logy=True, marks=[2], xlabel="epoch").axes[0]
    assert ax.get_yscale() == "log"
    assert ax.get_xlabel() == "epoch"
    assert len(ax.lines) == 2  # the curve and one vertical mark
    assert list(ax.lines[1].get_xdata()) == [2, 2]
    low, high = ax.get_ylim()
    assert low <= 0.01 and high >= 0.1


def test_plot_panels_stacks_one_axes_per_panel():
    panels = [
        Panel({"torch OneCycleLR": ([0, 1], [0.1, 0.2])}, "lr"),
        Panel({"torch momentum": ([0, 1], [0.95, 0.85])}, "momentum"),
    ]
    fig = plot_panels(panels, title="OneCycleLR")
    assert [ax.get_ylabel() for ax in fig.axes] == ["lr", "momentum"]
    assert fig.axes[1].get_xlabel() == "step"
    assert list(fig.axes[1].lines[0].get_ydata()) == [0.95, 0.85]


@pytest.mark.parametrize(
    ("curves", "error"),
    [
        ([([0], [1])], TypeError),
        ({"a": ([0, 1], [1.0])}, ValueError),
        ({"a": [0, 1, 2]}, ValueError),
    ],
)
def test_bad_curves_get_a_clear_error(curves, error):
    with pytest.raises(error, match="curve"):
        plot_schedules(curves)


def test_plot_panels_without_panels_is_an_error():
    with pytest.raises(ValueError, match="at least one"):
        plot_panels([])


@pytest.mark.parametrize(
    ("value", "expected"),
    [(1.0, 1.0), (1.05, 1.2), (0.00105, 0.0012), (7.0, 8.0), (9.0, 10.0), (0.0, 0.0)],
)
def test_nice_ceil(value, expected):
    assert nice_ceil(value) == pytest.approx(expected)


def test_axis_limits_round_y_out_and_ignore_nan():
    panel = Panel({"a": ([0, 10], [0.00105, float("nan")])})
    assert axis_limits(panel) == ((0, 10), (0.0, pytest.approx(0.0012)))
    log_panel = Panel({"a": ([0, 5], [0.1, 0.001])}, logy=True)
    _, (low, high) = axis_limits(log_panel)
    assert low < 0.001 and high > 0.1


def test_line_style_by_label():
    assert line_style("torch StepLR", 0)["linestyle"] == "-"
    assert line_style("your step_lr", 1)["linestyle"] == "--"
    assert line_style("validation loss", 0)["color"] != line_style("validation loss", 1)["color"]


def test_steps_draws_stairs():
    import matplotlib.pyplot as plt

    from course_utils.plotting import plot_schedules

    fig = plot_schedules({"torch StepLR": ([0, 1, 2], [0.1, 0.1, 0.01])}, steps=True)
    assert fig.axes[0].lines[0].get_drawstyle() == "steps-post"
    plt.close(fig)
    fig = plot_schedules({"torch StepLR": ([0, 1, 2], [0.1, 0.1, 0.01])})
    assert fig.axes[0].lines[0].get_drawstyle() == "default"
    plt.close(fig)
