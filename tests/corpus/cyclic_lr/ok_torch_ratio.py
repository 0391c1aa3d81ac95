# expect: passed
import math


def cyclic_lr(step, base_lr, max_lr, step_size_up=2000, mode="triangular", gamma=1.0):
    """torch's formulation: position x in the cycle, then rise or fall."""
    total = 2.0 * step_size_up
    cycle = math.floor(1 + step / total)
    x = 1.0 + step / total - cycle
    ratio = step_size_up / total
    factor = x / ratio if x <= ratio else (x - 1) / (ratio - 1)
    height = (max_lr - base_lr) * factor
    if mode == "triangular2":
        return base_lr + height * (1 / 2.0 ** (cycle - 1))
    if mode == "exp_range":
        return base_lr + height * gamma**step
    return base_lr + height
