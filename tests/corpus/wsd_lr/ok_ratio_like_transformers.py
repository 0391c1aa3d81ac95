# expect: passed
import math


def wsd_lr(step, total_steps, warmup_steps, decay_steps, max_lr, min_lr=0.0, decay_type="linear"):
    # transformers' way: a factor between min_lr / max_lr and 1, times max_lr
    r = min_lr / max_lr
    stable = total_steps - warmup_steps - decay_steps
    if step < warmup_steps:
        f = step / max(1, warmup_steps)
    elif step < warmup_steps + stable:
        return max_lr
    elif step < total_steps:
        p = (step - warmup_steps - stable) / max(1, decay_steps)
        if decay_type == "linear":
            f = 1 - p
        elif decay_type == "cosine":
            f = 0.5 * (1 + math.cos(math.pi * p))
        else:
            f = 1 - math.sqrt(p)
    else:
        return max_lr * r
    return max_lr * (f * (1 - r) + r)
