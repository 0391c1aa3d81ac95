# expect: passed
import numpy as np


def multistep_lr(epoch, base_lr, milestones, gamma=0.1):
    n_drops = np.count_nonzero(np.asarray(milestones) <= epoch)
    return base_lr * np.float64(gamma) ** n_drops  # a numpy float64
