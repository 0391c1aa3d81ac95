# expect: passed
import math


def sequential_warmup_cosine_lr(step, base_lr, warmup_steps, milestone, T_max, start_factor=0.1,
                                eta_min=0.0):
    if step < milestone:
        done = min(step, warmup_steps) / warmup_steps
        return base_lr * (start_factor + (1 - start_factor) * done)
    t = step - milestone
    return eta_min + (base_lr - eta_min) * (1 + math.cos(math.pi * t / T_max)) / 2
