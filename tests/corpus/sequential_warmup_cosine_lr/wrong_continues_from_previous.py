# expect: failed continues_from_previous_lr
import math


def sequential_warmup_cosine_lr(step, base_lr, warmup_steps, milestone, T_max, start_factor=0.1,
                                eta_min=0.0):
    def warmup(s):
        return base_lr * (start_factor + (1 - start_factor) * min(s, warmup_steps) / warmup_steps)

    if step < milestone:
        return warmup(step)
    peak = warmup(milestone - 1) if milestone > 0 else base_lr  # "go on from where it ended"
    t = step - milestone
    return eta_min + (peak - eta_min) * (1 + math.cos(math.pi * t / T_max)) / 2
