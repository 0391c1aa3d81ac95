# expect: failed forgot_min_lr
import math


def cosine_lr(step, total_steps, max_lr=1e-3, min_lr=1e-6):
    if step >= total_steps:
        return min_lr
    return max_lr * (1 + math.cos(math.pi * step / total_steps)) / 2
