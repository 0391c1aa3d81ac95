# expect: passed
from math import pi, sin


def warm_restarts_lr(step, T_0, T_mult=1, max_lr=0.1, min_lr=0.0):
    if step >= T_0:  # this cycle is over: the rest is a schedule that starts T_0 * T_mult long
        return warm_restarts_lr(step - T_0, T_0 * T_mult, T_mult, max_lr, min_lr)
    # (1 + cos x) / 2 = 1 - sin²(x / 2)
    return max_lr - (max_lr - min_lr) * sin(pi * step / (2 * T_0)) ** 2
