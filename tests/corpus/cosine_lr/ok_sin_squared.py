# expect: passed
from math import pi, sin


def cosine_lr(step, total_steps, max_lr=1e-3, min_lr=1e-6):
    # (1 + cos x) / 2 = 1 - sin²(x/2)
    step = min(step, total_steps)
    return max_lr - (max_lr - min_lr) * sin(pi * step / (2 * total_steps)) ** 2
