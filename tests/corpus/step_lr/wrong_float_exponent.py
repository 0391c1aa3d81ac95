# expect: failed float_exponent
def step_lr(epoch, base_lr, step_size, gamma=0.1):
    return base_lr * gamma ** (epoch / step_size)  # forgot the floor
