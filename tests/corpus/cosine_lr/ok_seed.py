# expect: passed
import math


def cosine_lr(step, total_steps, max_lr=1e-3, min_lr=1e-6):
    """The seed lesson's version (it clamps correctly)."""
    if step >= total_steps:
        return min_lr
    progress = step / total_steps
    cosine_decay = 0.5 * (1 + math.cos(math.pi * progress))
    return min_lr + (max_lr - min_lr) * cosine_decay
