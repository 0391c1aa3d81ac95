# expect: error warmup_inclusive
import math


def warmup_cosine_schedule(step, warmup_steps, total_steps, max_lr=3e-4, min_lr=1e-6):
    if step >= total_steps:
        return min_lr
    if step <= warmup_steps:
        return max_lr * step / warmup_steps
    progress = (step - warmup_steps) / max(1, total_steps - warmup_steps)
    return min_lr + (max_lr - min_lr) * 0.5 * (1 + math.cos(math.pi * progress))
