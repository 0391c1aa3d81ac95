"""Static schedule plots (pyplot) and the line styles and axis limits the explorers share."""

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

Curve = tuple[Sequence[float], Sequence[float]]
Curves = Mapping[str, Curve]

REFERENCE_STYLE = {"color": "#1f77b4", "linewidth": 2.5, "alpha": 0.6, "linestyle": "-"}
LEARNER_STYLE = {"color": "#d62728", "linewidth": 1.5, "linestyle": "--"}
OTHER_COLORS = ("#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f")
MARK_STYLE = {"color": "#ff7f0e", "linewidth": 1.0, "linestyle": ":"}
CAPTION_STYLE = {
    "x": 0.99, "y": 0.96, "ha": "right", "va": "top", "fontsize": "small",
    "bbox": {"facecolor": "white", "alpha": 0.85, "edgecolor": "none", "pad": 1.5},
}


@dataclass
class Panel:
    """One axes of a plot: curves by label, its y label and scale, and x positions to mark."""

    curves: Curves
    ylabel: str = "lr"
    logy: bool = False
    marks: Sequence[float] = field(default_factory=tuple)
    steps: bool = False  # piecewise-constant schedules: draw as stairs, not slopes
    caption: str = ""  # one line of computed facts, written in the axes' top-right corner


def is_reference(label: str) -> bool:
    """Curves labelled 'torch…' or 'reference…' are the oracle's; they get the solid style."""
    return label.lower().startswith(("torch", "reference"))


def is_learner(label: str) -> bool:
    """Curves labelled 'your…' / 'yours…' are the learner's; they get the dashed style."""
    return label.lower().startswith("your")


def line_style(label: str, index: int, steps: bool = False) -> dict:
    """Matplotlib line kwargs for the index-th curve of a panel, by what its label says it is."""
    if is_reference(label):
        style = dict(REFERENCE_STYLE)
    elif is_learner(label):
        style = dict(LEARNER_STYLE)
    else:
        style = {"color": OTHER_COLORS[index % len(OTHER_COLORS)], "linewidth": 1.5}
    if steps:
        style["drawstyle"] = "steps-post"
    return style


def nice_ceil(value: float) -> float:
    """Smallest 'round' number ≥ value (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10^k)."""
    if value <= 0 or not math.isfinite(value):
        return value
    exponent = math.floor(math.log10(value))
    for mantissa in (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        candidate = mantissa * 10.0**exponent
        if candidate >= value * (1 - 1e-12):
            return candidate
    return 10.0 ** (exponent + 1)


def _finite(values: Sequence[float]) -> list[float]:
    out = []
    for v in values:
        try:
            f = float(v)
        except (TypeError, ValueError):
            continue
        if math.isfinite(f):
            out.append(f)
    return out


def axis_limits(panel: Panel) -> tuple[tuple[float, float], tuple[float, float]]:
    """(xlim, ylim) for a panel, rounded out to round numbers so small changes keep them."""
    xs = [x for xs, _ in panel.curves.values() for x in _finite(xs)]
    ys = [y for _, ys in panel.curves.values() for y in _finite(ys)]
    xlim = (min(xs), max(xs)) if xs else (0.0, 1.0)
    if xlim[0] >= 0 and xlim[1] > 0:  # 0..110 shows as 0..120: the axes stay put while dragging
        xlim = (xlim[0], nice_ceil(xlim[1]))
    if xlim[0] == xlim[1]:
        xlim = (xlim[0] - 0.5, xlim[1] + 0.5)
    if panel.logy:
        positive = [y for y in ys if y > 0]
        if not positive:
            return xlim, (1e-6, 1.0)
        lo = 10.0 ** math.floor(math.log10(min(positive)) - 0.05)
        hi = 10.0 ** math.ceil(math.log10(max(positive)) + 0.05)
        return xlim, (lo, hi)
    if not ys:
        return xlim, (0.0, 1.0)
    top, bottom = max(ys), min(ys)
    hi = nice_ceil(top * 1.05) if top > 0 else 0.0
    lo = 0.0 if bottom >= 0 else -nice_ceil(-bottom * 1.05)
    if lo == hi:
        hi = lo + 1.0
    return xlim, (lo, hi)


def draw_panel(ax, panel: Panel, xlabel: str = "step", legend: bool = True) -> list:
    """Draw a panel's curves (and marks) on an existing Axes; returns the Line2D objects."""
    lines = []
    for index, (label, (xs, ys)) in enumerate(panel.curves.items()):
        (line,) = ax.plot(list(xs), list(ys), label=label,
                          **line_style(label, index, panel.steps))
        lines.append(line)
    for x in panel.marks:
        ax.axvline(x, **MARK_STYLE)
    if panel.caption:
        ax.text(s=panel.caption, transform=ax.transAxes, **CAPTION_STYLE)
    if panel.logy:
        ax.set_yscale("log")
    xlim, ylim = axis_limits(panel)
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(panel.ylabel)
    ax.grid(True, alpha=0.3)
    if legend and panel.curves:
        ax.legend(loc="best", fontsize="small")
    return lines


def plot_schedules(
    curves: Curves,
    title: str = "",
    xlabel: str = "step",
    ylabel: str = "lr",
    ax=None,
    logy: bool = False,
    marks: Sequence[float] = (),
    figsize: tuple[float, float] = (6.4, 3.6),
    steps: bool = False,
):
    """Static pyplot plot of lr curves {label: (xs, ys)} on one axes; returns the Figure.

    Args:
        ax: draw on this Axes instead of a new pyplot figure.
        logy: log-scale y axis.
        marks: x positions to mark with vertical dotted lines (e.g. plateau cuts).
        steps: draw piecewise-constant schedules (StepLR, MultiStepLR) as stairs.
    """
    _check_curves(curves)
    if ax is None:
        import matplotlib.pyplot as plt

        _, ax = plt.subplots(figsize=figsize, layout="constrained")
    draw_panel(ax, Panel(curves, ylabel, logy, tuple(marks), steps), xlabel)
    if title:
        ax.set_title(title)
    return ax.figure


def plot_panels(
    panels: Sequence[Panel],
    title: str = "",
    xlabel: str = "step",
    figsize: tuple[float, float] | None = None,
):
    """Static pyplot figure with one axes per Panel, stacked, sharing x; returns the Figure."""
    if not panels:
        raise ValueError("plot_panels needs at least one Panel")
    for panel in panels:
        _check_curves(panel.curves)
    import matplotlib.pyplot as plt

    size = figsize or (6.4, 2.4 * len(panels) + 0.6)
    fig, axes = plt.subplots(len(panels), 1, sharex=True, figsize=size, layout="constrained")
    axes = [axes] if len(panels) == 1 else list(axes)
    for i, (ax, panel) in enumerate(zip(axes, panels, strict=True)):
        draw_panel(ax, panel, xlabel if i == len(panels) - 1 else "")
    if title:
        axes[0].set_title(title)
    return fig


def _check_curves(curves: Curves) -> None:
    if not isinstance(curves, Mapping):
        raise TypeError(f"curves must be a dict {{label: (xs, ys)}}, got {type(curves).__name__}")
    for label, curve in curves.items():
        try:
            xs, ys = curve
        except (TypeError, ValueError):
            raise ValueError(f"curve {label!r} must be a pair (xs, ys)") from None
        if len(xs) != len(ys):
            raise ValueError(f"curve {label!r}: {len(xs)} x values but {len(ys)} y values")
