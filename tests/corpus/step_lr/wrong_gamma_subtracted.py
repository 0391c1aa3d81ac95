# expect: failed gamma_subtracted
def step_lr(epoch, base_lr, step_size, gamma=0.1):
    lr = base_lr
    for _ in range(epoch // step_size):
        lr -= gamma
    return lr
