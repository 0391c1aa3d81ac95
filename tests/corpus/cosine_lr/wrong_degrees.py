# expect: failed angle_in_degrees
import math


def cosine_lr(step, total_steps, max_lr=1e-3, min_lr=1e-6):
    if step >= total_steps:
        return min_lr
    angle = 180 * step / total_steps  # degrees given to math.cos, which wants radians
    return min_lr + (max_lr - min_lr) * 0.5 * (1 + math.cos(angle))
