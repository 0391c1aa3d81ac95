# expect: failed eta_min_not_subtracted
import math


def sequential_warmup_cosine_lr(step, base_lr, warmup_steps, milestone, T_max, start_factor=0.1,
                                eta_min=0.0):
    if step < milestone:
        done = min(step, warmup_steps) / warmup_steps
        return base_lr * (start_factor + (1 - start_factor) * done)
    return eta_min + base_lr * 0.5 * (1 + math.cos(math.pi * (step - milestone) / T_max))
