# expect: passed
import numpy as np


def one_cycle_lr(step, total_steps, max_lr, pct_start=0.3, div_factor=25.0,
                 final_div_factor=1e4):
    ends = np.array([0.0, pct_start * total_steps - 1, total_steps - 1])
    lrs = np.array([max_lr / div_factor, max_lr, max_lr / div_factor / final_div_factor])
    i = 0 if step <= ends[1] else 1
    pct = (step - ends[i]) / (ends[i + 1] - ends[i])
    return lrs[i + 1] + (lrs[i] - lrs[i + 1]) * (1 + np.cos(np.pi * pct)) / 2  # numpy float64
