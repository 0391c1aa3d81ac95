# expect: passed
def range_test_lr(step, start_lr=1e-7, end_lr=10.0, num_steps=100):
    gamma = (end_lr / start_lr) ** (1 / (num_steps - 1))  # ExponentialLR's factor per step
    lr = start_lr
    for _ in range(step):
        lr *= gamma
    return lr
