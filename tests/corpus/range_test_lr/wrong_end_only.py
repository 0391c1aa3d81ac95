# expect: failed end_lr_only
def range_test_lr(step, start_lr=1e-7, end_lr=10.0, num_steps=100):
    return end_lr ** (step / (num_steps - 1))
