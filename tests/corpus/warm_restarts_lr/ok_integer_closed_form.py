# expect: passed
import math


def warm_restarts_lr(step, T_0, T_mult=1, max_lr=0.1, min_lr=0.0):
    """The k-th restart at T_0 * (T_mult**k - 1) / (T_mult - 1), found in integers."""
    if T_mult == 1:
        start, length = step - step % T_0, T_0
    else:
        k = 0
        while T_0 * (T_mult ** (k + 1) - 1) // (T_mult - 1) <= step:
            k += 1
        start, length = T_0 * (T_mult**k - 1) // (T_mult - 1), T_0 * T_mult**k
    return min_lr + 0.5 * (max_lr - min_lr) * (1 + math.cos(math.pi * (step - start) / length))
