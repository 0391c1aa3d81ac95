# expect: failed ignores_t_mult
import math


def warm_restarts_lr(step, T_0, T_mult=1, max_lr=0.1, min_lr=0.0):
    return min_lr + (max_lr - min_lr) * (1 + math.cos(math.pi * (step % T_0) / T_0)) / 2
