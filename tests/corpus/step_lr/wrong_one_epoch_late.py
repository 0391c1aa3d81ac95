# expect: failed decays_one_epoch_late
def step_lr(epoch, base_lr, step_size, gamma=0.1):
    # "the first step_size epochs run at base_lr, so drop after them"
    return base_lr * gamma ** (max(0, epoch - 1) // step_size)
