# expect: passed
import math


def wsd_lr(step, total_steps, warmup_steps, decay_steps, max_lr, min_lr=0.0, decay_type="linear"):
    decay_start = total_steps - decay_steps
    if step < warmup_steps:
        return min_lr + (max_lr - min_lr) * step / warmup_steps
    if step < decay_start:
        return max_lr
    if step >= total_steps:
        return min_lr
    p = (step - decay_start) / decay_steps
    shape = {"linear": 1 - p, "cosine": 0.5 * (1 + math.cos(math.pi * p)),
             "1-sqrt": 1 - math.sqrt(p)}[decay_type]
    return min_lr + (max_lr - min_lr) * shape
