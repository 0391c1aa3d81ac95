# expect: passed
import math

import numpy as np


def step_lr(epoch, base_lr, step_size, gamma=0.1):
    return np.float32(base_lr * gamma ** math.floor(epoch / step_size))  # float32 rounding is fine
