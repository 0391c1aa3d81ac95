# expect: failed hardcoded_gamma
def step_lr(epoch, base_lr, step_size, gamma=0.1):
    return base_lr * 0.1 ** (epoch // step_size)  # "StepLR divides by 10"
