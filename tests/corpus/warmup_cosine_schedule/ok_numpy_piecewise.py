# expect: passed
import numpy as np


def warmup_cosine_schedule(step, warmup_steps, total_steps, max_lr=3e-4, min_lr=1e-6):
    warm = max_lr * step / max(warmup_steps, 1)
    p = np.clip((step - warmup_steps) / max(1, total_steps - warmup_steps), 0.0, 1.0)
    decay = min_lr + (max_lr - min_lr) * 0.5 * (1 + np.cos(np.pi * p))
    lr = np.where(step < warmup_steps, warm, decay)
    return np.where(step >= total_steps, min_lr, lr)[()]  # a numpy float64 scalar
