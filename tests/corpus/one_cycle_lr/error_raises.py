# expect: error -
import math


def one_cycle_lr(step, total_steps, max_lr, pct_start=0.3, div_factor=25.0,
                 final_div_factor=1e4):
    peak = pct_start * total_steps - 1
    return max_lr * math.cosine(math.pi * step / peak)  # no math.cosine: AttributeError
