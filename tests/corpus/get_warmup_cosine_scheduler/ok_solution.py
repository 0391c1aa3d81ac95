# expect: passed
import math

import torch


def get_warmup_cosine_scheduler(optimizer, warmup_steps, total_steps, min_lr=0.0):
    def factor_for(base_lr):
        ratio = min_lr / base_lr

        def factor(step):
            if step >= total_steps:
                return ratio
            if step < warmup_steps:
                return step / warmup_steps
            progress = (step - warmup_steps) / max(1, total_steps - warmup_steps)
            return ratio + (1 - ratio) * 0.5 * (1 + math.cos(math.pi * progress))

        return factor

    return torch.optim.lr_scheduler.LambdaLR(
        optimizer, [factor_for(g["lr"]) for g in optimizer.param_groups]
    )
