# expect: failed no_clamp
import math


def cosine_lr(step, total_steps, max_lr=1e-3, min_lr=1e-6):
    # what torch's CosineAnnealingLR does: periodic past T_max
    return min_lr + (max_lr - min_lr) * 0.5 * (1 + math.cos(math.pi * step / total_steps))
