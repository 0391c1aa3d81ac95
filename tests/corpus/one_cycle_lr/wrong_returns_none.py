# expect: failed -
import math


def one_cycle_lr(step, total_steps, max_lr, pct_start=0.3, div_factor=25.0,
                 final_div_factor=1e4):
    peak = pct_start * total_steps - 1
    if step <= peak:
        return max_lr / div_factor + (max_lr - max_lr / div_factor) * (
            1 - math.cos(math.pi * step / peak)) / 2
    # forgot phase 2: falls off the end and returns None
