"""What the explorer tests share: a learner's cosine, a stub, and readers of the drawn lines."""

import math

import ipywidgets as widgets

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def cosine_lr(step, total_steps, max_lr=1e-3, min_lr=1e-6):
    progress = min(step, total_steps) / total_steps
    return min_lr + (max_lr - min_lr) * (1 + math.cos(math.pi * progress)) / 2


def stub(*args):
    raise NotImplementedError


def labels(explorer, panel=0):
    lines = explorer.canvas.axes[panel].lines
    return [ln.get_label() for ln in lines if ln.get_visible() and ln.get_label() != "_marks"]


def torch_line(explorer, panel=0):
    (line,) = [ln for ln in explorer.canvas.axes[panel].lines if ln.get_label().startswith("torch")]
    return line


def moved(control):
    """Another value for an explorer's control, one step away like an arrow key (down when already
    at the top); the next option of a choice; other milestones in a text box."""
    if isinstance(control, widgets.Text):
        return "20, 50"
    if hasattr(control, "options"):  # Dropdown, ToggleButtons, SelectionSlider
        options = list(control.options)
        return options[(options.index(control.value) + 1) % len(options)]
    if isinstance(control, widgets.FloatLogSlider):
        exponent = math.log(control.value, control.base)
        up = exponent + control.step <= control.max
        return control.base ** (exponent + (control.step if up else -control.step))
    up = control.value + control.step <= control.max
    return control.value + (control.step if up else -control.step)
