# expect: failed first_group_ratio
import math

import torch


def get_warmup_cosine_scheduler(optimizer, warmup_steps, total_steps, min_lr=0.0):
    ratio = min_lr / optimizer.param_groups[0]["lr"]

    def factor(step):
        if step >= total_steps:
            return ratio
        if step < warmup_steps:
            return step / warmup_steps
        p = (step - warmup_steps) / max(1, total_steps - warmup_steps)
        return ratio + (1 - ratio) * 0.5 * (1 + math.cos(math.pi * p))

    return torch.optim.lr_scheduler.LambdaLR(optimizer, factor)
