# expect: failed gamma_times_epoch
def exponential_lr(epoch, base_lr, gamma):
    return base_lr * gamma * epoch
