# expect: failed reaches_min_lr_at_cycle_end
import math


def warm_restarts_lr(step, T_0, T_mult=1, max_lr=0.1, min_lr=0.0):
    T_cur, T_i = step, T_0
    while T_cur >= T_i:
        T_cur -= T_i
        T_i *= T_mult
    progress = T_cur / max(1, T_i - 1)  # so that the last step of a cycle is min_lr
    return min_lr + (max_lr - min_lr) * (1 + math.cos(math.pi * progress)) / 2
