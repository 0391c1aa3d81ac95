# expect: failed exp_range_scales_whole_lr
import math


def cyclic_lr(step, base_lr, max_lr, step_size_up=2000, mode="triangular", gamma=1.0):
    cycle = math.floor(1 + step / (2 * step_size_up))
    x = abs(step / step_size_up - 2 * cycle + 1)
    height = (max_lr - base_lr) * max(0.0, 1 - x)
    if mode == "triangular2":
        height /= 2 ** (cycle - 1)
    lr = base_lr + height
    if mode == "exp_range":
        lr *= gamma**step
    return lr
