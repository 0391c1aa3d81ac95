# expect: failed sin_instead_of_cos
import math


def sequential_warmup_cosine_lr(step, base_lr, warmup_steps, milestone, T_max, start_factor=0.1,
                                eta_min=0.0):
    if step < milestone:
        progress = min(step, warmup_steps) / warmup_steps
        return base_lr * (start_factor + (1 - start_factor) * progress)
    angle = math.pi * (step - milestone) / T_max
    return eta_min + (base_lr - eta_min) * (1 + math.sin(angle)) / 2
