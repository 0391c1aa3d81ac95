# expect: error -
import math


def range_test_lr(step, start_lr=1e-7, end_lr=10.0, num_steps=100):
    progress = math.exp(math.log(step) - math.log(num_steps - 1))  # log(0): ValueError at step 0
    return start_lr * (end_lr / start_lr) ** progress
