# expect: passed
def exponential_lr(epoch, base_lr, gamma):
    lr = base_lr
    for _ in range(epoch):
        lr *= gamma
    return lr
