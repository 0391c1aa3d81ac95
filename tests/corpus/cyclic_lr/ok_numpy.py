# expect: passed
import numpy as np


def cyclic_lr(step, base_lr, max_lr, step_size_up=2000, mode="triangular", gamma=1.0):
    cycle = np.floor(1 + step / (2 * step_size_up))
    x = np.abs(step / step_size_up - 2 * cycle + 1)
    scale = {"triangular": 1.0, "triangular2": 0.5 ** (cycle - 1), "exp_range": gamma**step}[mode]
    return base_lr + (max_lr - base_lr) * np.maximum(0.0, 1 - x) * scale  # np.float64
