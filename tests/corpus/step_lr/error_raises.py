# expect: error -
def step_lr(epoch, base_lr, step_size, gamma=0.1):
    return base_lr * gamma ** (epoch // step_sizes)  # noqa: F821
