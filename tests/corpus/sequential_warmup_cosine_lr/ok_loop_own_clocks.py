# expect: passed
import math


def sequential_warmup_cosine_lr(step, base_lr, warmup_steps, milestone, T_max, start_factor=0.1,
                                eta_min=0.0):
    """Walk the steps like SequentialLR: one child in charge, each with its own clock."""
    active, own = "warmup", 0
    for s in range(1, step + 1):
        if active == "warmup" and s == milestone:
            active, own = "cosine", 0  # the handover: the cosine's step 0
        else:
            own += 1
    if milestone == 0:
        active, own = "cosine", step
    if active == "warmup":
        factor = start_factor + (1 - start_factor) * min(own, warmup_steps) / warmup_steps
        return base_lr * factor
    return eta_min + (base_lr - eta_min) * 0.5 * (1 + math.cos(math.pi * own / T_max))
