# expect: failed seed_version
import math

import torch.optim as optim


def get_warmup_cosine_scheduler(optimizer, warmup_steps, total_steps, min_lr=0.0):
    """The seed lesson's version, verbatim (min_lr added to the signature)."""
    def schedule(step):
        if step < warmup_steps:
            return step / warmup_steps
        progress = (step - warmup_steps) / (total_steps - warmup_steps)
        return 0.5 * (1 + math.cos(math.pi * progress))
    return optim.lr_scheduler.LambdaLR(optimizer, schedule)
