# expect: passed
import numpy as np


def cosine_lr(step, total_steps, max_lr=1e-3, min_lr=1e-6):
    p = np.clip(step / total_steps, 0.0, 1.0)
    return min_lr + (max_lr - min_lr) * (1 + np.cos(np.pi * p)) / 2  # a numpy float64
