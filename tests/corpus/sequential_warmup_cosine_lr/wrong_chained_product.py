# expect: failed chained_multiplies
import math


def sequential_warmup_cosine_lr(step, base_lr, warmup_steps, milestone, T_max, start_factor=0.1,
                                eta_min=0.0):
    warmup = start_factor + (1 - start_factor) * min(step, warmup_steps) / warmup_steps
    cosine = (1 + math.cos(math.pi * step / T_max)) / 2
    return warmup * (eta_min + (base_lr - eta_min) * cosine)
