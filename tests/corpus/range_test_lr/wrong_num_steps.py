# expect: failed divides_by_num_steps
def range_test_lr(step, start_lr=1e-7, end_lr=10.0, num_steps=100):
    gamma = (end_lr / start_lr) ** (1 / num_steps)  # "num_steps steps to get there"
    return start_lr * gamma**step
