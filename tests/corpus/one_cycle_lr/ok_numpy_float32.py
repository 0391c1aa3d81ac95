# expect: passed
import math

import numpy as np


def one_cycle_lr(step, total_steps, max_lr, pct_start=0.3, div_factor=25.0,
                 final_div_factor=1e4):
    peak = pct_start * total_steps - 1
    if step <= peak:
        a, b, pct = max_lr / div_factor, max_lr, step / peak
    else:
        a, b = max_lr, max_lr / div_factor / final_div_factor
        pct = (step - peak) / (total_steps - 1 - peak)
    return np.float32(b + (a - b) * (1 + math.cos(math.pi * pct)) / 2)
