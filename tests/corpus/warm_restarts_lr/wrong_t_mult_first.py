# expect: failed t_mult_from_the_first_cycle
import math


def warm_restarts_lr(step, T_0, T_mult=1, max_lr=0.1, min_lr=0.0):
    T_cur, T_i = step, T_0 * T_mult  # grows before the first cycle
    while T_cur >= T_i:
        T_cur -= T_i
        T_i *= T_mult
    return min_lr + (max_lr - min_lr) * (1 + math.cos(math.pi * T_cur / T_i)) / 2
