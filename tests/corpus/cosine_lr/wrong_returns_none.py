# expect: failed -
import math


def cosine_lr(step, total_steps, max_lr=1e-3, min_lr=1e-6):
    lr = min_lr + (max_lr - min_lr) * 0.5 * (1 + math.cos(math.pi * min(step, total_steps) / total_steps))  # noqa: E501
    print(lr)  # forgot to return it
