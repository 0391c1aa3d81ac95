# expect: failed logspace_of_values
import numpy as np


def range_test_lr(step, start_lr=1e-7, end_lr=10.0, num_steps=100):
    return np.logspace(start_lr, end_lr, num_steps)[step]  # logspace wants exponents
