# expect: passed
import math

import numpy as np


def cosine_lr(step, total_steps, max_lr=1e-3, min_lr=1e-6):
    if step >= total_steps:
        return np.float32(min_lr)
    lr = min_lr + 0.5 * (max_lr - min_lr) * (1 + math.cos(math.pi * step / total_steps))
    return np.float32(lr)  # float32 rounding is within the tolerance
