# expect: failed gamma_times_drops
def step_lr(epoch, base_lr, step_size, gamma=0.1):
    return base_lr * gamma * (epoch // step_size)  # * instead of **
