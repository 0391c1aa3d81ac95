"""ScheduleExplorer: sliders, torch's curves and the learner's, redrawn in place as a PNG."""

import copy
import html
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import ipywidgets as widgets

from course_utils.answers import AnswerError, to_float
from course_utils.explorers.canvas import BlitCanvas
from course_utils.plotting import Curves, Panel
from course_utils.time_limit import TimeLimitExceeded, time_limit

Compute = Callable[..., Curves | Sequence[Panel]]

LEARNER_TIME_LIMIT = 5  # seconds for the learner's whole curve; a hang must not freeze the widget


def _all_params(**params) -> tuple:
    return tuple(params.values())


def _is_nan(value) -> bool:
    try:
        return math.isnan(float(value))
    except Exception:  # not a number at all
        return False


@dataclass(frozen=True)
class LearnerCurve:
    """The learner's function sampled where torch's curve is: params -> {"your <name>": ...}.

    fn(x, *args(**params)) for every x in xs(**params) (the sliders' values, by name); each
    answer goes through answers.to_float, so a non-number gets the message check() gives.
    A NaN is drawn as a gap (the explorer notes it).
    """

    fn: Callable
    name: str
    xs: Callable[..., Sequence]
    args: Callable[..., tuple] = field(default=_all_params)

    def __call__(self, **params) -> Curves:
        xs, args = list(self.xs(**params)), self.args(**params)
        ys = []
        for x in xs:
            value = self.fn(x, *copy.deepcopy(args))
            try:
                ys.append(to_float(value))
            except AnswerError as exc:
                if not _is_nan(value):
                    raise AnswerError(f"{exc} (at step {x})") from None
                ys.append(math.nan)
        return {f"your {self.name}": (xs, ys)}


def learner_curve(fn: Callable | None, name: str, xs: Callable[..., Sequence],
                  args: Callable[..., tuple] = _all_params) -> LearnerCurve | None:
    """A LearnerCurve, or None when there is no learner's function to draw."""
    return None if fn is None else LearnerCurve(fn, name, xs, args)


class ScheduleExplorer:
    """Sliders + one reused figure (BlitCanvas), re-rendered into an ipywidgets.Image.

    Args:
        compute: params -> {label: (xs, ys)} (one axes) or a list of Panels; torch's curves.
        sliders: parameter name -> ipywidgets value widget; compute/learner get them as kwargs.
        learner: params -> {label: (xs, ys)}, the learner's curves (see LearnerCurve);
            NotImplementedError shows a note, any other exception shows its text; neither
            stops the explorer.
        learner_name: the function's name, used in notes (default: the LearnerCurve's).
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
        learner_name: str | None = None,
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
        self.learner_name = learner_name or getattr(learner, "name", "your function")
        self.learner_panel, self.steps = learner_panel, steps
        self._compute, self._learner = compute, learner
        self.canvas = BlitCanvas(figsize, dpi, blit)
        self.render_count = 0
        self.last_png = b""
        self.note_text = ""
        self._holding = False
        self.image = widgets.Image(format="png")
        self.note = widgets.HTML()
        controls = widgets.VBox(list(self.sliders.values()))
        self.widget = widgets.VBox([controls, self.image, self.note])
        for slider in self.sliders.values():
            slider.observe(self._on_change, names="value")
        self.render()

    @property
    def figure(self):
        return self.canvas.figure

    @property
    def full_draw_count(self) -> int:
        return self.canvas.full_draw_count

    @property
    def blit(self) -> bool:
        return self.canvas.blit

    @blit.setter
    def blit(self, value: bool) -> None:
        self.canvas.blit = value

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
            self.canvas.draw(panels, self.xlabel, self.title)
            png = self.canvas.png()
        except Exception as exc:  # e.g. a curve matplotlib cannot draw: say so, keep the widget
            self.canvas.forget()
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
            return {}, f"implement {name} to see your curve here"
        except AnswerError as exc:  # the same words as check()
            return {}, f"{name} {exc}"
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


def text_box(description: str, value: str):
    """A Text box (e.g. a list of milestones) that updates when the learner presses Enter."""
    return widgets.Text(value=value, description=description, continuous_update=False,
                        style=_STYLE, layout=_LAYOUT)
