# expect: failed ceil_instead_of_floor
import math


def step_lr(epoch, base_lr, step_size, gamma=0.1):
    return base_lr * gamma ** math.ceil(epoch / step_size)
