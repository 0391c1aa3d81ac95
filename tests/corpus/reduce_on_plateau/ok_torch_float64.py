# expect: passed
import math

import torch


def reduce_on_plateau(losses, base_lr, factor=0.1, patience=10, threshold=1e-4, cooldown=0,
                      min_lr=0.0):
    lr = torch.tensor(base_lr, dtype=torch.float64)
    best, bad, wait, lrs = math.inf, 0, 0, []
    for loss in losses:
        if loss < best * (1 - threshold):
            best, bad = loss, 0
        else:
            bad += 1
        if wait > 0:
            wait, bad = wait - 1, 0
        if bad > patience:
            lr = torch.clamp(lr * factor, min=min_lr)
            wait, bad = cooldown, 0
        lrs.append(lr.clone())  # a list of 0-d tensors
    return lrs
