# expect: failed float_log_misses_restart
import math


def warm_restarts_lr(step, T_0, T_mult=1, max_lr=0.1, min_lr=0.0):
    if T_mult == 1:
        T_cur, T_i = step % T_0, T_0
    elif step < T_0:
        T_cur, T_i = step, T_0
    else:  # torch's step(epoch) formula
        n = int(math.log(step / T_0 * (T_mult - 1) + 1, T_mult))
        T_cur = step - T_0 * (T_mult**n - 1) / (T_mult - 1)
        T_i = T_0 * T_mult**n
    return min_lr + (max_lr - min_lr) * (1 + math.cos(math.pi * T_cur / T_i)) / 2
