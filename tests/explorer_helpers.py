"""What the explorer tests share: a learner's cosine, a stub, and readers of the drawn lines."""

import math

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
