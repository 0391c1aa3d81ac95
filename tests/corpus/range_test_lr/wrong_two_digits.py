# expect: failed -
def range_test_lr(step, start_lr=1e-7, end_lr=10.0, num_steps=100):
    lr = start_lr * (end_lr / start_lr) ** (step / (num_steps - 1))
    return float(f"{lr:.2g}")  # two significant digits, "as the plot shows them"
