# expect: passed
import numpy as np


def sequential_warmup_cosine_lr(step, base_lr, warmup_steps, milestone, T_max, start_factor=0.1,
                                eta_min=0.0):
    factor = np.interp(step, [0, warmup_steps], [start_factor, 1.0])  # flat after warmup_steps
    cosine = eta_min + (base_lr - eta_min) * (1 + np.cos(np.pi * (step - milestone) / T_max)) / 2
    return np.where(step < milestone, base_lr * factor, cosine)
