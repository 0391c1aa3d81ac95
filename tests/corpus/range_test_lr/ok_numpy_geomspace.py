# expect: passed
import numpy as np


def range_test_lr(step, start_lr=1e-7, end_lr=10.0, num_steps=100):
    return np.geomspace(start_lr, end_lr, num_steps)[step]  # a numpy float64
