# expect: passed
import numpy as np


def exponential_lr(epoch, base_lr, gamma):
    return np.float64(base_lr) * np.power(gamma, epoch)  # a numpy float64
