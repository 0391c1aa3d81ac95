# expect: passed
import math


def reduce_on_plateau(losses, base_lr, factor=0.1, patience=10, threshold=1e-4, cooldown=0,
                      min_lr=0.0):
    lr, best, bad, cooldown_left = base_lr, math.inf, 0, 0
    lrs = []
    for loss in losses:
        if loss < best * (1 - threshold):
            best, bad = loss, 0
        else:
            bad += 1
        if cooldown_left > 0:
            cooldown_left -= 1
            bad = 0
        if bad > patience:
            lr = max(lr * factor, min_lr)  # no eps check: fine away from 1e-8
            cooldown_left, bad = cooldown, 0
        lrs.append(lr)
    return lrs
