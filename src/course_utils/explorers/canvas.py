"""A figure redrawn in place: one reused Agg canvas, blitting only the curves when it can."""

import io
import math

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.transforms import blended_transform_factory
from PIL import Image

from course_utils.plotting import CAPTION_STYLE, MARK_STYLE, Panel, axis_limits, line_style


class BlitCanvas:
    """Panels drawn into one Figure that is never rebuilt, encoded as PNG.

    A full draw (axes, ticks, legend) happens only when what the axes show changes (labels,
    scales, limits); otherwise the saved background is restored and only the curves, marks
    and captions are drawn on it (`blit`).
    """

    def __init__(self, figsize: tuple[float, float] = (6.4, 3.6), dpi: int = 100,
                 blit: bool = True):
        self.figure = Figure(figsize=figsize, dpi=dpi, facecolor="white")
        self.agg = FigureCanvasAgg(self.figure)
        self.blit = blit
        self.full_draw_count = 0
        self.axes: list = []
        self.lines: list[dict] = []
        self.marks: list = []
        self.captions: list = []
        self._key = None
        self._background = None

    def forget(self) -> None:
        """The figure may be half-drawn: draw it fully next time."""
        self._key = None

    def draw(self, panels: list[Panel], xlabel: str, title: str = "") -> None:
        """Draw the panels (one axes each, stacked, sharing x)."""
        if len(panels) != len(self.axes):
            self._build_axes(len(panels))
        key = []
        for i, (ax, panel) in enumerate(zip(self.axes, panels, strict=True)):
            lines = self.lines[i]
            for index, label in enumerate(panel.curves):
                if label not in lines:
                    (lines[label],) = ax.plot(
                        [], [], label=label, **line_style(label, index, panel.steps))
                    lines[label].set_animated(True)
            for label, line in lines.items():
                visible = label in panel.curves
                line.set_visible(visible)
                line.set_data(*(panel.curves[label] if visible else ([], [])))
            self.captions[i].set_text(panel.caption)
            marks_x = [v for x in panel.marks for v in (x, x, math.nan)]
            self.marks[i].set_data(marks_x, [v for _ in panel.marks for v in (0, 1, math.nan)])
            key.append((tuple(panel.curves), panel.ylabel, panel.logy, *axis_limits(panel)))
        key = tuple(key)
        if self.blit and key == self._key and self._background is not None:
            self.agg.restore_region(self._background)
        else:
            self._full_draw(panels, key, xlabel, title)
        for ax, lines, marks in zip(self.axes, self.lines, self.marks, strict=True):
            for line in lines.values():
                if line.get_visible():
                    ax.draw_artist(line)
            ax.draw_artist(marks)
        for ax, caption in zip(self.axes, self.captions, strict=True):
            ax.draw_artist(caption)

    def png(self) -> bytes:
        """The canvas as it is now, as PNG bytes (fast: little compression)."""
        width, height = self.agg.get_width_height(physical=True)
        buffer = self.agg.buffer_rgba()
        image = Image.frombuffer("RGBA", (width, height), buffer, "raw", "RGBA", 0, 1)
        out = io.BytesIO()
        image.convert("RGB").save(out, format="PNG", compress_level=1)
        return out.getvalue()

    def _build_axes(self, n: int) -> None:
        self.figure.clear()
        self.figure.set_layout_engine("constrained")
        axes = self.figure.subplots(n, 1, sharex=True, squeeze=False)[:, 0]
        self.axes = list(axes)
        self.lines = [{} for _ in axes]
        self.marks = []
        self.captions = [
            ax.text(s="", transform=ax.transAxes, animated=True, zorder=5, **CAPTION_STYLE)
            for ax in axes
        ]
        for ax in axes:
            transform = blended_transform_factory(ax.transData, ax.transAxes)
            (marks,) = ax.plot([], [], transform=transform, label="_marks", **MARK_STYLE)
            marks.set_animated(True)
            self.marks.append(marks)
        self._key = None

    def _full_draw(self, panels: list[Panel], key, xlabel: str, title: str) -> None:
        last = len(self.axes) - 1
        for i, (ax, panel) in enumerate(zip(self.axes, panels, strict=True)):
            ax.set_yscale("log" if panel.logy else "linear")
            if not panel.logy:  # short tick labels (×1e-3 offset), so the frozen layout fits
                ax.ticklabel_format(axis="y", style="sci", scilimits=(-2, 3))
            xlim, ylim = axis_limits(panel)
            ax.set_xlim(*xlim)
            ax.set_ylim(*ylim)
            ax.set_ylabel(panel.ylabel)
            ax.set_xlabel(xlabel if i == last else "")
            ax.grid(True, alpha=0.3)
            handles = [self.lines[i][label] for label in panel.curves]
            # Above the axes, outside the clipped area: it stays in the blitted background.
            legend = ax.legend(
                handles=handles, loc="lower right", bbox_to_anchor=(1.0, 1.0), borderaxespad=0.2,
                ncols=len(handles), fontsize="small", frameon=False,
            )
            if not handles:
                legend.remove()
        if title:
            self.figure.suptitle(title, x=0.02, ha="left")
        self.agg.draw()
        if self.figure.get_layout_engine() is not None:
            # Lay out once, then keep the positions: the layout solver is half a full redraw.
            self.figure.set_layout_engine("none")
        self._background = self.agg.copy_from_bbox(self.figure.bbox)
        self._key = key
        self.full_draw_count += 1
