# expect: failed no_min_lr_floor
import math


def reduce_on_plateau(losses, base_lr, factor=0.1, patience=10, threshold=1e-4, cooldown=0,
                      min_lr=0.0):
    lr, best, bad, wait, lrs = base_lr, math.inf, 0, 0, []
    for loss in losses:
        if loss < best * (1 - threshold):
            best, bad = loss, 0
        else:
            bad += 1
        if wait > 0:
            wait, bad = wait - 1, 0
        if bad > patience:
            lr *= factor
            wait, bad = cooldown, 0
        lrs.append(lr)
    return lrs
