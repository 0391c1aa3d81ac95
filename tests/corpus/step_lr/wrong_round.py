# expect: failed -
def step_lr(epoch, base_lr, step_size, gamma=0.1):
    return round(base_lr * gamma ** (epoch // step_size), 3)
