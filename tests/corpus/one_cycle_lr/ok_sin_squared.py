# expect: passed
from math import pi, sin


def one_cycle_lr(step, total_steps, max_lr, pct_start=0.3, div_factor=25.0,
                 final_div_factor=1e4):
    lo = max_lr / div_factor
    peak = pct_start * total_steps - 1
    if step <= peak:
        # (1 - cos x) / 2 = sin²(x/2): rising half-cosine from lo to max_lr
        return lo + (max_lr - lo) * sin(pi * step / peak / 2) ** 2
    end = lo / final_div_factor
    pct = (step - peak) / (total_steps - 1 - peak)
    return max_lr - (max_lr - end) * sin(pi * pct / 2) ** 2
