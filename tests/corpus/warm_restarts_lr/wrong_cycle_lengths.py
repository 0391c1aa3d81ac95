# expect: failed cycle_lengths_as_restart_steps
import math


def warm_restarts_lr(step, T_0, T_mult=1, max_lr=0.1, min_lr=0.0):
    if T_mult == 1:
        start, end = step - step % T_0, step - step % T_0 + T_0
    else:  # restarts at T_0, T_0 * T_mult, T_0 * T_mult**2, ...
        start, end = 0, T_0
        while step >= end:
            start, end = end, end * T_mult
    progress = (step - start) / (end - start)
    return min_lr + (max_lr - min_lr) * (1 + math.cos(math.pi * progress)) / 2
