# expect: failed linear_decay
def exponential_lr(epoch, base_lr, gamma):
    return base_lr - base_lr * (1 - gamma) * epoch  # loses (1 - gamma) of base_lr per epoch
