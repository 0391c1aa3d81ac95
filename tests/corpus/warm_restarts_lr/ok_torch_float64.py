# expect: passed
import torch


def warm_restarts_lr(step, T_0, T_mult=1, max_lr=0.1, min_lr=0.0):
    t_cur, t_i = step, T_0
    while t_cur >= t_i:
        t_cur, t_i = t_cur - t_i, t_i * T_mult
    progress = torch.tensor(t_cur / t_i, dtype=torch.float64)
    return min_lr + (max_lr - min_lr) * (1 + torch.cos(torch.pi * progress)) / 2  # a 0-d tensor
