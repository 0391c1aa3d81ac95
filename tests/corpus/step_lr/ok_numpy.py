# expect: passed
import numpy as np


def step_lr(epoch, base_lr, step_size, gamma=0.1):
    return base_lr * np.power(gamma, np.floor(epoch / step_size))  # a numpy float64
