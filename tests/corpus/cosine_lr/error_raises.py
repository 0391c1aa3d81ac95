# expect: error -
def cosine_lr(step, total_steps, max_lr=1e-3, min_lr=1e-6):
    return max_lr * undefined_name  # noqa: F821
