# expect: failed warmup_peaks_one_step_early
import math


def warmup_cosine_schedule(step, warmup_steps, total_steps, max_lr=3e-4, min_lr=1e-6):
    if step >= total_steps:
        return min_lr
    if step < warmup_steps:
        # "from 0 at the first warmup step to max_lr at the last one"
        return max_lr * step / max(1, warmup_steps - 1)
    progress = (step - warmup_steps) / (total_steps - warmup_steps)
    return min_lr + (max_lr - min_lr) * (1 + math.cos(math.pi * progress)) / 2
