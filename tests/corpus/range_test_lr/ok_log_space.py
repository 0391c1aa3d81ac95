# expect: passed
import math


def range_test_lr(step, start_lr=1e-7, end_lr=10.0, num_steps=100):
    low, high = math.log10(start_lr), math.log10(end_lr)
    return 10 ** (low + (high - low) * step / (num_steps - 1))  # evenly spaced in log10(lr)
