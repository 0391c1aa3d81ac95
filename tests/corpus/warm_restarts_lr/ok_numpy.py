# expect: passed
import numpy as np


def warm_restarts_lr(step, T_0, T_mult=1, max_lr=0.1, min_lr=0.0):
    lengths = [T_0]
    while sum(lengths) <= step:
        lengths.append(lengths[-1] * T_mult)
    t_cur = step - sum(lengths[:-1])
    return min_lr + (max_lr - min_lr) * (1 + np.cos(np.pi * t_cur / lengths[-1])) / 2  # np.float64
