# expect: passed
import numpy as np


def wsd_lr(step, total_steps, warmup_steps, decay_steps, max_lr, min_lr=0.0, decay_type="linear"):
    if step < warmup_steps:
        return float(np.interp(step, [0, warmup_steps], [min_lr, max_lr]))
    p = float(np.clip((step - (total_steps - decay_steps)) / decay_steps, 0.0, 1.0))
    if decay_type == "linear":
        shape = 1 - p
    elif decay_type == "cosine":
        shape = (1 + np.cos(np.pi * p)) / 2
    else:
        shape = 1 - np.sqrt(p)
    return float(min_lr + (max_lr - min_lr) * shape)
