# expect: failed off_by_one_denominator
import math


def cosine_lr(step, total_steps, max_lr=1e-3, min_lr=1e-6):
    if step >= total_steps:
        return min_lr
    progress = step / max(1, total_steps - 1)  # "so the last step reaches min_lr"
    return min_lr + (max_lr - min_lr) * 0.5 * (1 + math.cos(math.pi * progress))
