# expect: failed off_by_one
def exponential_lr(epoch, base_lr, gamma):
    return base_lr * gamma ** (epoch + 1)  # "epoch 0 already had one decay"
