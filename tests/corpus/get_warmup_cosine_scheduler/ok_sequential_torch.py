# expect: passed
import math
from functools import partial

import torch


def _factor(step, warmup_steps, total_steps, ratio):
    if step >= total_steps:
        return ratio
    if step < warmup_steps:
        return step / warmup_steps
    p = (step - warmup_steps) / max(1, total_steps - warmup_steps)
    return ratio + (1 - ratio) * (1 + math.cos(math.pi * p)) / 2


def get_warmup_cosine_scheduler(optimizer, warmup_steps, total_steps, min_lr=0.0):
    lambdas = [partial(_factor, warmup_steps=warmup_steps, total_steps=total_steps,
                       ratio=min_lr / group["initial_lr" if "initial_lr" in group else "lr"])
               for group in optimizer.param_groups]
    return torch.optim.lr_scheduler.LambdaLR(optimizer, lambdas)
