# expect: failed lambda_returns_absolute_lr
import math

import torch


def get_warmup_cosine_scheduler(optimizer, warmup_steps, total_steps, min_lr=0.0):
    max_lr = optimizer.param_groups[0]["lr"]

    def lr_at(step):
        if step >= total_steps:
            return min_lr
        if step < warmup_steps:
            return max_lr * step / warmup_steps
        p = (step - warmup_steps) / max(1, total_steps - warmup_steps)
        return min_lr + (max_lr - min_lr) * 0.5 * (1 + math.cos(math.pi * p))

    return torch.optim.lr_scheduler.LambdaLR(optimizer, lr_at)  # returns an lr, not a factor
