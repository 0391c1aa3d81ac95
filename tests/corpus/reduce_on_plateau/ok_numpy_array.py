# expect: passed
import numpy as np


def reduce_on_plateau(losses, base_lr, factor=0.1, patience=10, threshold=1e-4, cooldown=0,
                      min_lr=0.0):
    lrs = np.empty(len(losses))
    lr, best, bad, wait = np.float64(base_lr), np.inf, 0, 0
    for i, loss in enumerate(losses):
        improved = loss < best * (1 - threshold)
        best = loss if improved else best
        bad = 0 if improved else bad + 1
        if wait > 0:
            wait, bad = wait - 1, 0
        if bad > patience:
            lr, wait, bad = np.maximum(lr * factor, min_lr), cooldown, 0
        lrs[i] = lr
    return lrs  # a 1-d numpy array
