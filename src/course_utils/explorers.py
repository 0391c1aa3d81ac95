"""Slider explorers: torch's lr curve next to the learner's, redrawn in place as a PNG."""

import html
import io
import math
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache
from itertools import pairwise

import ipywidgets as widgets
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.transforms import blended_transform_factory
from PIL import Image

from course_utils.plotting import (
    CAPTION_STYLE,
    MARK_STYLE,
    Curves,
    Panel,
    axis_limits,
    line_style,
)
from course_utils.time_limit import TimeLimitExceeded, time_limit
from course_utils.torch_traces import (
    cosine_trace,
    exponential_trace,
    multistep_trace,
    one_cycle_trace,
    plateau_trace,
    step_trace,
    warmup_cosine_trace,
)

Compute = Callable[..., Curves | Sequence[Panel]]


LEARNER_TIME_LIMIT = 5  # seconds for the learner's whole curve; a hang must not freeze the widget


class LearnerOutputError(Exception):
    """The learner's function returned something that is not a number (None, a string, a list)."""


def _not_implemented_note(name: str) -> str:
    return f"implement {name} to see your curve here"


class ScheduleExplorer:
    """Sliders + one reused Agg figure, re-rendered into an ipywidgets.Image on every change.

    Args:
        compute: params -> {label: (xs, ys)} (one axes) or a list of Panels; torch's curves.
        sliders: parameter name -> ipywidgets value widget; compute/learner get them as kwargs.
        learner: params -> {label: (xs, ys)}, the learner's curves; NotImplementedError shows a
            note, any other exception shows its text; neither stops the explorer.
        learner_name: the function's name, used in notes ("implement cosine_lr …").
        learner_panel: which panel the learner's curves join.
        blit: redraw only the curves when axes limits and legend are unchanged.
        steps: draw every curve as stairs (piecewise-constant schedules).
    """

    def __init__(
        self,
        compute: Compute,
        sliders: Mapping[str, widgets.ValueWidget],
        *,
        learner: Callable[..., Curves] | None = None,
        learner_name: str = "your function",
        learner_panel: int = 0,
        title: str = "",
        xlabel: str = "step",
        ylabel: str = "lr",
        logy: bool = False,
        figsize: tuple[float, float] = (6.4, 3.6),
        dpi: int = 100,
        blit: bool = True,
        steps: bool = False,
    ):
        if not sliders:
            raise ValueError("ScheduleExplorer needs at least one slider")
        self.sliders = dict(sliders)
        self.title, self.xlabel, self.ylabel, self.logy = title, xlabel, ylabel, logy
        self.learner_name, self.learner_panel, self.blit = learner_name, learner_panel, blit
        self.steps = steps
        self._compute, self._learner = compute, learner
        self.figure = Figure(figsize=figsize, dpi=dpi, facecolor="white")
        self.canvas = FigureCanvasAgg(self.figure)
        self.render_count = 0
        self.full_draw_count = 0
        self.last_png = b""
        self.note_text = ""
        self._axes: list = []
        self._lines: list[dict] = []
        self._marks: list = []
        self._captions: list = []
        self._key = None
        self._background = None
        self._holding = False
        self.image = widgets.Image(format="png")
        self.note = widgets.HTML()
        controls = widgets.VBox(list(self.sliders.values()))
        self.widget = widgets.VBox([controls, self.image, self.note])
        for slider in self.sliders.values():
            slider.observe(self._on_change, names="value")
        self.render()

    def _repr_mimebundle_(self, **kwargs):
        """Displaying the explorer displays its widget (sliders, plot, note)."""
        return self.widget._repr_mimebundle_(**kwargs)

    def params(self) -> dict:
        """Current slider values by parameter name."""
        return {name: slider.value for name, slider in self.sliders.items()}

    def update(self, **params) -> bytes:
        """Set several sliders at once (one redraw); returns the new PNG."""
        unknown = set(params) - set(self.sliders)
        if unknown:
            raise ValueError(f"unknown parameter(s) {sorted(unknown)}; known: {list(self.sliders)}")
        self._holding = True
        try:  # in the given order: setting total_steps first can widen warmup_steps' range
            for name, value in params.items():
                slider = self.sliders[name]
                low, high = getattr(slider, "min", None), getattr(slider, "max", None)
                if isinstance(slider, widgets.FloatLogSlider):
                    low, high = slider.base**low, slider.base**high
                if isinstance(value, int | float) and low is not None and not low <= value <= high:
                    msg = f"{name}={value} is outside the slider's range [{low}, {high}]"
                    raise ValueError(msg)
                slider.value = value
        finally:
            self._holding = False
            self.render()
        return self.last_png

    def _on_change(self, _change) -> None:
        if not self._holding:
            self.render()

    def panels(self, with_learner: bool = True) -> tuple[list[Panel], str]:
        """The panels for the current sliders and a note (empty, or why the learner's curve is
        missing or wrong). Raises whatever `compute` raises."""
        params = self.params()
        panels = self._as_panels(self._compute(**params))
        note = ""
        if self._learner is not None and with_learner:
            curves, note = self._learner_curves(params)
            target = panels[self.learner_panel]
            target.curves = {**target.curves, **curves}
        return panels, note

    def render(self) -> bytes:
        """Recompute and redraw into the reused figure; update the Image widget; return the PNG."""
        try:
            panels, note = self.panels()
        except Exception as exc:  # a bad slider combination must not kill the widget
            self._set_note(f"could not compute the curves: {type(exc).__name__}: {exc}", True)
            return self.last_png
        try:
            self._draw(panels)
            png = self._encode()
        except Exception as exc:  # e.g. a curve matplotlib cannot draw: say so, keep the widget
            self._key = None  # the figure may be half-drawn: redraw fully next time
            self._set_note(f"could not draw the curves: {type(exc).__name__}: {exc}", True)
            return self.last_png
        self._set_note(note, bool(note) and not note.startswith("implement"))
        self.last_png = png
        self.image.value = self.last_png
        self.render_count += 1
        return self.last_png

    def plot_static(self, with_learner: bool = True):
        """The current curves as a static pyplot figure, so the notebook reads without a kernel."""
        from course_utils.plotting import plot_panels, plot_schedules

        panels, _ = self.panels(with_learner)
        if len(panels) == 1:
            p = panels[0]
            return plot_schedules(
                p.curves, self.title, self.xlabel, p.ylabel, logy=p.logy, marks=p.marks
            )
        return plot_panels(panels, self.title, self.xlabel)

    def _as_panels(self, result) -> list[Panel]:
        if isinstance(result, Mapping):
            return [Panel(dict(result), self.ylabel, self.logy, steps=self.steps)]
        if isinstance(result, Panel):
            result = [result]
        panels = list(result) if isinstance(result, list | tuple) else []
        if not panels or not all(isinstance(p, Panel) for p in panels):
            raise TypeError("compute must return {label: (xs, ys)} or a list of Panel")
        return [Panel(dict(p.curves), p.ylabel, p.logy or self.logy, tuple(p.marks),
                      p.steps or self.steps, p.caption) for p in panels]

    def _learner_curves(self, params: dict) -> tuple[dict, str]:
        name = self.learner_name
        try:
            with time_limit(LEARNER_TIME_LIMIT):
                curves = dict(self._learner(**params))
        except TimeLimitExceeded:
            return {}, (f"{name} took longer than {LEARNER_TIME_LIMIT} s for this curve: "
                        "an endless loop?")
        except NotImplementedError:
            return {}, _not_implemented_note(name)
        except LearnerOutputError as exc:
            return {}, str(exc)
        except Exception as exc:  # the learner's bug is shown, never raised
            return {}, f"{name} raised {type(exc).__name__}: {exc}"
        for xs, ys in curves.values():
            for x, y in zip(xs, ys, strict=False):
                if not math.isfinite(y):
                    return curves, f"{name} returned {y} at step {x}"
        return curves, ""

    def _set_note(self, text: str, error: bool = False) -> None:
        self.note_text = text
        color = "#b00020" if error else "#555555"
        self.note.value = f'<span style="color:{color}">{html.escape(text)}</span>' if text else ""

    def _draw(self, panels: list[Panel]) -> None:
        if len(panels) != len(self._axes):
            self._build_axes(len(panels))
        key = []
        for i, (ax, panel) in enumerate(zip(self._axes, panels, strict=True)):
            lines = self._lines[i]
            for index, label in enumerate(panel.curves):
                if label not in lines:
                    (lines[label],) = ax.plot(
                        [], [], label=label, **line_style(label, index, panel.steps))
                    lines[label].set_animated(True)
            for label, line in lines.items():
                visible = label in panel.curves
                line.set_visible(visible)
                line.set_data(*(panel.curves[label] if visible else ([], [])))
            self._captions[i].set_text(panel.caption)
            marks_x = [v for x in panel.marks for v in (x, x, math.nan)]
            self._marks[i].set_data(marks_x, [v for _ in panel.marks for v in (0, 1, math.nan)])
            key.append((tuple(panel.curves), panel.ylabel, panel.logy, *axis_limits(panel)))
        key = tuple(key)
        if self.blit and key == self._key and self._background is not None:
            self.canvas.restore_region(self._background)
        else:
            self._full_draw(panels, key)
        for ax, lines, marks in zip(self._axes, self._lines, self._marks, strict=True):
            for line in lines.values():
                if line.get_visible():
                    ax.draw_artist(line)
            ax.draw_artist(marks)
        for ax, caption in zip(self._axes, self._captions, strict=True):
            ax.draw_artist(caption)

    def _build_axes(self, n: int) -> None:
        self.figure.clear()
        self.figure.set_layout_engine("constrained")
        axes = self.figure.subplots(n, 1, sharex=True, squeeze=False)[:, 0]
        self._axes = list(axes)
        self._lines = [{} for _ in axes]
        self._marks = []
        self._captions = [
            ax.text(s="", transform=ax.transAxes, animated=True, zorder=5, **CAPTION_STYLE)
            for ax in axes
        ]
        for ax in axes:
            transform = blended_transform_factory(ax.transData, ax.transAxes)
            (marks,) = ax.plot([], [], transform=transform, label="_marks", **MARK_STYLE)
            marks.set_animated(True)
            self._marks.append(marks)
        self._key = None

    def _full_draw(self, panels: list[Panel], key) -> None:
        last = len(self._axes) - 1
        for i, (ax, panel) in enumerate(zip(self._axes, panels, strict=True)):
            ax.set_yscale("log" if panel.logy else "linear")
            if not panel.logy:  # short tick labels (×1e-3 offset), so the frozen layout fits
                ax.ticklabel_format(axis="y", style="sci", scilimits=(-2, 3))
            xlim, ylim = axis_limits(panel)
            ax.set_xlim(*xlim)
            ax.set_ylim(*ylim)
            ax.set_ylabel(panel.ylabel)
            ax.set_xlabel(self.xlabel if i == last else "")
            ax.grid(True, alpha=0.3)
            handles = [self._lines[i][label] for label in panel.curves]
            # Above the axes, outside the clipped area: it stays in the blitted background.
            legend = ax.legend(
                handles=handles, loc="lower right", bbox_to_anchor=(1.0, 1.0), borderaxespad=0.2,
                ncols=len(handles), fontsize="small", frameon=False,
            )
            if not handles:
                legend.remove()
        if self.title:
            self.figure.suptitle(self.title, x=0.02, ha="left")
        self.canvas.draw()
        if self.figure.get_layout_engine() is not None:
            # Lay out once, then keep the positions: the layout solver is half a full redraw.
            self.figure.set_layout_engine("none")
        self._background = self.canvas.copy_from_bbox(self.figure.bbox)
        self._key = key
        self.full_draw_count += 1

    def _encode(self) -> bytes:
        width, height = self.canvas.get_width_height(physical=True)
        buffer = self.canvas.buffer_rgba()
        image = Image.frombuffer("RGBA", (width, height), buffer, "raw", "RGBA", 0, 1)
        out = io.BytesIO()
        image.convert("RGB").save(out, format="PNG", compress_level=1)
        return out.getvalue()


def sample(fn: Callable, name: str, xs: Sequence[int], args: Callable[[int], tuple]) -> list[float]:
    """[float(fn(*args(x))) for x in xs], with a LearnerOutputError naming a non-number answer."""
    ys = []
    for x in xs:
        value = fn(*args(x))
        ys.append(as_number(value, name, x))
    return ys


def as_number(value, name: str, step) -> float:
    """float(value) for a number; LearnerOutputError for None, bool, str, lists and the like."""
    if value is None or isinstance(value, str | bytes | bool):
        raise LearnerOutputError(f"{name} returned {value!r} at step {step}: expected a number")
    try:
        return float(value)
    except (TypeError, ValueError):
        raise LearnerOutputError(
            f"{name} returned {value!r} at step {step}: expected a number"
        ) from None


# ---- sliders ---------------------------------------------------------------------------------

_STYLE = {"description_width": "initial"}
_LAYOUT = {"width": "420px"}


def int_slider(description: str, value: int, low: int, high: int, step: int = 1):
    """A continuous IntSlider with a readable description."""
    return widgets.IntSlider(
        value=value, min=low, max=high, step=step, description=description,
        continuous_update=True, style=_STYLE, layout=_LAYOUT,
    )


def float_slider(description: str, value: float, low: float, high: float, step: float = 0.01):
    """A continuous FloatSlider with a readable description."""
    return widgets.FloatSlider(
        value=value, min=low, max=high, step=step, description=description,
        continuous_update=True, readout_format=".3g", style=_STYLE, layout=_LAYOUT,
    )


def log_slider(description: str, value: float, low_exp: float, high_exp: float):
    """A continuous FloatLogSlider from 10**low_exp to 10**high_exp (for lrs and thresholds)."""
    return widgets.FloatLogSlider(
        value=value, base=10, min=low_exp, max=high_exp, step=0.1, description=description,
        continuous_update=True, readout_format=".1e", style=_STYLE, layout=_LAYOUT,
    )


# ---- one explorer per scheduler --------------------------------------------------------------


def _steps(n: int) -> list[int]:
    return list(range(n + 1))


def cosine_explorer(learner_fn: Callable | None = None, logy: bool = False) -> ScheduleExplorer:
    """CosineAnnealingLR vs the learner's cosine_lr(step, total_steps, max_lr, min_lr)."""
    sliders = {
        "total_steps": int_slider("total_steps", 100, 10, 1000, 10),
        "max_lr": log_slider("max_lr", 1e-3, -5, 0),
        "min_lr": log_slider("min_lr", 1e-6, -8, -2),
    }

    def compute(total_steps, max_lr, min_lr):
        trace = cosine_trace(total_steps, max_lr, min_lr)
        caption = f"halfway (step {total_steps // 2}): {trace[total_steps // 2]:.2e}"
        return Panel({"torch CosineAnnealingLR": (_steps(total_steps), trace)}, caption=caption)

    def learner(total_steps, max_lr, min_lr):
        xs = _steps(total_steps)
        ys = sample(learner_fn, "cosine_lr", xs, lambda s: (s, total_steps, max_lr, min_lr))
        return {"your cosine_lr": (xs, ys)}

    return ScheduleExplorer(
        compute, sliders, learner=learner if learner_fn else None, learner_name="cosine_lr",
        title="Cosine annealing", logy=logy,
    )


def warmup_cosine_explorer(
    learner_fn: Callable | None = None, logy: bool = False
) -> ScheduleExplorer:
    """LinearLR warmup + CosineAnnealingLR (torch) vs the learner's warmup_cosine_schedule."""
    sliders = {
        "warmup_steps": int_slider("warmup_steps", 10, 0, 1000, 1),
        "total_steps": int_slider("total_steps", 100, 10, 1000, 10),
        "max_lr": log_slider("max_lr", 3e-4, -5, 0),
        "min_lr": log_slider("min_lr", 1e-6, -8, -2),
    }
    warmup, total = sliders["warmup_steps"], sliders["total_steps"]
    warmup.max = total.value

    def clamp_warmup(change):
        warmup.max = change["new"]  # ipywidgets clamps warmup.value itself

    total.observe(clamp_warmup, names="value")

    def compute(warmup_steps, total_steps, max_lr, min_lr):
        warmup_steps = min(warmup_steps, total_steps)
        trace = warmup_cosine_trace(warmup_steps, total_steps, max_lr, min_lr)
        caption = (f"step 1: {trace[1]:.1e} · peak {max(trace):.1e} at step "
                   f"{trace.index(max(trace))} · end {trace[-1]:.1e}")
        curves = {"torch LinearLR → CosineAnnealingLR": (_steps(total_steps), trace)}
        return Panel(curves, caption=caption)

    def learner(warmup_steps, total_steps, max_lr, min_lr):
        xs = _steps(total_steps)
        ys = sample(
            learner_fn, "warmup_cosine_schedule", xs,
            lambda s: (s, warmup_steps, total_steps, max_lr, min_lr),
        )
        return {"your warmup_cosine_schedule": (xs, ys)}

    return ScheduleExplorer(
        compute, sliders, learner=learner if learner_fn else None,
        learner_name="warmup_cosine_schedule", title="Linear warmup, then cosine", logy=logy,
    )


def step_explorer(learner_fn: Callable | None = None, logy: bool = False) -> ScheduleExplorer:
    """StepLR vs the learner's step_lr(epoch, base_lr, step_size, gamma)."""
    sliders = {
        "epochs": int_slider("epochs", 100, 10, 300, 10),
        "base_lr": log_slider("base_lr", 0.1, -4, 0),
        "step_size": int_slider("step_size", 30, 1, 100),
        "gamma": float_slider("gamma", 0.1, 0.01, 0.99),
    }

    def compute(epochs, base_lr, step_size, gamma):
        trace = step_trace(base_lr, step_size, gamma, n_steps=epochs)
        drops = sum(b < a for a, b in pairwise(trace))
        caption = f"{drops} drops · final lr {trace[-1]:.2e}"
        return Panel({"torch StepLR": (_steps(epochs), trace)}, caption=caption)

    def learner(epochs, base_lr, step_size, gamma):
        xs = _steps(epochs)
        ys = sample(learner_fn, "step_lr", xs, lambda e: (e, base_lr, step_size, gamma))
        return {"your step_lr": (xs, ys)}

    return ScheduleExplorer(
        compute, sliders, learner=learner if learner_fn else None, learner_name="step_lr",
        title="StepLR", xlabel="epoch", logy=logy, steps=True,
    )


def parse_milestones(text: str) -> tuple[int, ...]:
    """'30, 60, 90' -> (30, 60, 90); ValueError naming the bad item."""
    items = [item.strip() for item in str(text).replace(";", ",").split(",") if item.strip()]
    try:
        milestones = tuple(int(item) for item in items)
    except ValueError:
        msg = f"milestones must be whole numbers separated by commas, got {text!r}"
        raise ValueError(msg) from None
    if any(m < 0 for m in milestones):
        raise ValueError(f"milestones must be ≥ 0, got {text!r}")
    return milestones


def multistep_explorer(learner_fn: Callable | None = None, logy: bool = False) -> ScheduleExplorer:
    """MultiStepLR vs the learner's multistep_lr(epoch, base_lr, milestones, gamma)."""
    sliders = {
        "epochs": int_slider("epochs", 100, 10, 300, 10),
        "base_lr": log_slider("base_lr", 0.1, -4, 0),
        "milestones": widgets.Text(
            value="30, 60, 90", description="milestones", continuous_update=False,
            style=_STYLE, layout=_LAYOUT,
        ),
        "gamma": float_slider("gamma", 0.1, 0.01, 0.99),
    }

    def compute(epochs, base_lr, milestones, gamma):
        trace = multistep_trace(base_lr, parse_milestones(milestones), gamma, n_steps=epochs)
        drops = [t for t in range(1, len(trace)) if trace[t] < trace[t - 1]]
        caption = f"drops at epochs {drops} · final lr {trace[-1]:.2e}"
        return Panel({"torch MultiStepLR": (_steps(epochs), trace)}, caption=caption)

    def learner(epochs, base_lr, milestones, gamma):
        xs, cuts = _steps(epochs), list(parse_milestones(milestones))
        ys = sample(learner_fn, "multistep_lr", xs, lambda e: (e, base_lr, list(cuts), gamma))
        return {"your multistep_lr": (xs, ys)}

    return ScheduleExplorer(
        compute, sliders, learner=learner if learner_fn else None, learner_name="multistep_lr",
        title="MultiStepLR", xlabel="epoch", logy=logy, steps=True,
    )


def exponential_explorer(
    learner_fn: Callable | None = None, logy: bool = False
) -> ScheduleExplorer:
    """ExponentialLR vs the learner's exponential_lr(epoch, base_lr, gamma)."""
    sliders = {
        "epochs": int_slider("epochs", 100, 10, 300, 10),
        "base_lr": log_slider("base_lr", 0.1, -4, 0),
        "gamma": float_slider("gamma", 0.95, 0.8, 0.999, 0.001),
    }

    def compute(epochs, base_lr, gamma):
        trace = exponential_trace(base_lr, gamma, n_steps=epochs)
        caption = (f"halves every {math.log(0.5) / math.log(gamma):.1f} epochs · "
                   f"final lr {trace[-1]:.2e}")
        return Panel({"torch ExponentialLR": (_steps(epochs), trace)}, caption=caption)

    def learner(epochs, base_lr, gamma):
        xs = _steps(epochs)
        ys = sample(learner_fn, "exponential_lr", xs, lambda e: (e, base_lr, gamma))
        return {"your exponential_lr": (xs, ys)}

    return ScheduleExplorer(
        compute, sliders, learner=learner if learner_fn else None, learner_name="exponential_lr",
        title="ExponentialLR", xlabel="epoch", logy=logy,
    )


def one_cycle_explorer(learner_fn: Callable | None = None) -> ScheduleExplorer:
    """OneCycleLR lr and momentum (two axes) vs the learner's one_cycle_lr."""
    sliders = {
        "total_steps": int_slider("total_steps", 1000, 20, 5000, 20),
        "max_lr": log_slider("max_lr", 0.1, -4, 0),
        "pct_start": float_slider("pct_start", 0.3, 0.05, 0.95),
        "div_factor": float_slider("div_factor", 25.0, 1.0, 100.0, 1.0),
        "final_div_factor": log_slider("final_div_factor", 1e4, 0, 6),
    }

    def compute(total_steps, max_lr, pct_start, div_factor, final_div_factor):
        lrs, momentums = one_cycle_trace(
            total_steps, max_lr, pct_start, div_factor, final_div_factor
        )
        xs = list(range(total_steps))
        peak = lrs.index(max(lrs))
        caption = f"start {lrs[0]:.1e} · peak {lrs[peak]:.1e} at step {peak} · end {lrs[-1]:.1e}"
        return [
            Panel({"torch OneCycleLR": (xs, lrs)}, "lr", caption=caption),
            Panel({"torch OneCycleLR momentum": (xs, momentums)}, "momentum"),
        ]

    def learner(total_steps, max_lr, pct_start, div_factor, final_div_factor):
        xs = list(range(total_steps))
        ys = sample(
            learner_fn, "one_cycle_lr", xs,
            lambda s: (s, total_steps, max_lr, pct_start, div_factor, final_div_factor),
        )
        return {"your one_cycle_lr": (xs, ys)}

    return ScheduleExplorer(
        compute, sliders, learner=learner if learner_fn else None, learner_name="one_cycle_lr",
        title="OneCycleLR", figsize=(6.4, 5.0),
    )


@lru_cache(maxsize=256)
def plateau_losses(epochs: int, noise: float, seed: int = 0) -> tuple[float, ...]:
    """A validation-loss curve that falls, then stalls: 0.3 + 0.7·exp(-t/6) + noise."""
    import numpy as np

    rng = np.random.default_rng(seed)
    t = np.arange(1, epochs + 1)
    return tuple(float(v) for v in 0.3 + 0.7 * np.exp(-t / 6) + noise * rng.standard_normal(epochs))


def plateau_explorer(learner_fn: Callable | None = None) -> ScheduleExplorer:
    """ReduceLROnPlateau on a stalling loss (two axes: loss, lr; dotted lines at the cuts)."""
    base_lr, min_lr = 0.1, 0.0
    sliders = {
        "epochs": int_slider("epochs", 100, 20, 300, 10),
        "noise": float_slider("loss noise", 0.005, 0.0, 0.05, 0.002),
        "factor": float_slider("factor", 0.1, 0.05, 0.9, 0.05),
        "patience": int_slider("patience", 10, 0, 30),
        "threshold": log_slider("threshold", 1e-4, -6, -1),
        "cooldown": int_slider("cooldown", 0, 0, 20),
    }

    def compute(epochs, noise, factor, patience, threshold, cooldown):
        losses = plateau_losses(epochs, noise)
        trace = plateau_trace(losses, base_lr, factor, patience, threshold, cooldown, min_lr)
        cuts = [t for t in range(1, len(trace)) if trace[t] < trace[t - 1]]
        return [
            Panel({"validation loss": (list(range(1, epochs + 1)), losses)}, "loss", marks=cuts),
            Panel({"torch ReduceLROnPlateau": (_steps(epochs), trace)}, "lr", True, cuts,
                  caption=f"better = below best × (1 − {threshold:.1e}) · {len(cuts)} cuts · "
                  f"final lr {trace[-1]:.1e}"),
        ]

    def learner(epochs, noise, factor, patience, threshold, cooldown):
        losses = list(plateau_losses(epochs, noise))
        got = learner_fn(losses, base_lr, factor, patience, threshold, cooldown, min_lr)
        if isinstance(got, str | bytes) or not isinstance(got, Sequence):
            raise LearnerOutputError(f"reduce_on_plateau returned {got!r}: expected a list of lrs")
        if len(got) != epochs:
            raise LearnerOutputError(
                f"reduce_on_plateau returned {len(got)} lrs for {epochs} losses: one per loss"
            )
        ys = [as_number(v, "reduce_on_plateau", i + 1) for i, v in enumerate(got)]
        return {"your reduce_on_plateau": (list(range(1, epochs + 1)), ys)}

    return ScheduleExplorer(
        compute, sliders, learner=learner if learner_fn else None, learner_panel=1,
        learner_name="reduce_on_plateau", title="ReduceLROnPlateau", xlabel="epoch",
        figsize=(6.4, 5.0),
    )
