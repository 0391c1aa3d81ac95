# expect: error -
def warm_restarts_lr(step, T_0, T_mult=1, max_lr=0.1, min_lr=0.0):
    return max_lr * cycle_position  # noqa: F821
