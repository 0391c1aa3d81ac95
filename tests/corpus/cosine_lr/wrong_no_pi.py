# expect: failed cosine_without_pi
import math


def cosine_lr(step, total_steps, max_lr=1e-3, min_lr=1e-6):
    if step >= total_steps:
        return min_lr
    progress = step / total_steps
    return min_lr + (max_lr - min_lr) * (1 + math.cos(progress)) / 2  # the angle lacks pi
