# expect: passed
import math


def noam_lr(step, d_model=512, warmup_steps=4000, factor=1.0):
    # transformers' view: a peak, times the inverse-sqrt factor
    peak = factor / math.sqrt(d_model * warmup_steps)
    if step < warmup_steps:
        return peak * step / warmup_steps
    return peak * math.sqrt(warmup_steps / step)
