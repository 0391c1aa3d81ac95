# expect: passed
import math


def one_cycle_lr(step, total_steps, max_lr, pct_start=0.3, div_factor=25.0,
                 final_div_factor=1e4):
    initial_lr = max_lr / div_factor
    final_lr = initial_lr / final_div_factor
    peak = pct_start * total_steps - 1
    if step <= peak:
        pct = step / peak
        return max_lr + (initial_lr - max_lr) * (1 + math.cos(math.pi * pct)) / 2
    pct = (step - peak) / (total_steps - 1 - peak)
    return final_lr + (max_lr - final_lr) * (1 + math.cos(math.pi * pct)) / 2
