# expect: failed sweeps_downward
def range_test_lr(step, start_lr=1e-7, end_lr=10.0, num_steps=100):
    return end_lr * (start_lr / end_lr) ** (step / (num_steps - 1))
