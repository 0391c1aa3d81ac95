# expect: failed restart_one_step_late
import math


def warm_restarts_lr(step, T_0, T_mult=1, max_lr=0.1, min_lr=0.0):
    T_cur, T_i = step, T_0
    while T_cur > T_i:  # should be >=: at T_cur == T_i the cycle is over
        T_cur -= T_i
        T_i *= T_mult
    return min_lr + (max_lr - min_lr) * (1 + math.cos(math.pi * T_cur / T_i)) / 2
