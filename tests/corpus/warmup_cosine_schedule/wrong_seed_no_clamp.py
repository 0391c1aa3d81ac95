# expect: failed no_clamp
import math


def warmup_cosine_schedule(step, warmup_steps, total_steps, max_lr=3e-4, min_lr=1e-6):
    """The seed lesson's version, verbatim."""
    if step < warmup_steps:
        # Linear warmup from 0 to max_lr
        return max_lr * step / warmup_steps

    # Cosine decay from max_lr to min_lr
    progress = (step - warmup_steps) / max(1, total_steps - warmup_steps)
    cosine = 0.5 * (1 + math.cos(math.pi * progress))
    return min_lr + (max_lr - min_lr) * cosine
