# expect: passed
def cyclic_lr(step, base_lr, max_lr, step_size_up=2000, mode="triangular", gamma=1.0):
    height, cycle, position = max_lr - base_lr, 1, step
    while position >= 2 * step_size_up:  # walk through the finished cycles
        position -= 2 * step_size_up
        cycle += 1
    if mode == "triangular2":
        height /= 2 ** (cycle - 1)
    elif mode == "exp_range":
        height *= gamma**step
    if position <= step_size_up:
        return base_lr + height * position / step_size_up
    return base_lr + height * (2 * step_size_up - position) / step_size_up
