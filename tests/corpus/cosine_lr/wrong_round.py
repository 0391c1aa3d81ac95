# expect: failed -
import math


def cosine_lr(step, total_steps, max_lr=1e-3, min_lr=1e-6):
    if step >= total_steps:
        return min_lr
    lr = min_lr + (max_lr - min_lr) * 0.5 * (1 + math.cos(math.pi * step / total_steps))
    return round(lr, 2)  # the tutorial trap: every small lr "equals" 0.0
