# expect: passed
def step_lr(epoch, base_lr, step_size, gamma=0.1):
    lr = base_lr
    for _ in range(step_size, epoch + 1, step_size):  # one drop at each multiple of step_size
        lr *= gamma
    return lr
