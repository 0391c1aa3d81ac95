# expect: error -
import math


def sequential_warmup_cosine_lr(step, base_lr, warmup_steps, milestone, T_max, start_factor=0.1,
                                eta_min=0.0):
    # "how far between the warmup's end and the milestone": zero when they coincide
    between = (step - warmup_steps) / (milestone - warmup_steps)
    if step < milestone and between < 0:
        return base_lr * (start_factor + (1 - start_factor) * step / warmup_steps)
    t = step - milestone
    return eta_min + (base_lr - eta_min) * (1 + math.cos(math.pi * t / T_max)) / 2
