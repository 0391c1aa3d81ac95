# expect: passed
import torch


def noam_lr(step, d_model=512, warmup_steps=4000, factor=1.0):
    if step == 0:
        return 0.0
    s = torch.tensor(step, dtype=torch.float64)
    branches = torch.stack([s.rsqrt(), s * torch.tensor(warmup_steps, dtype=torch.float64) ** -1.5])
    return (factor * torch.tensor(d_model, dtype=torch.float64).rsqrt() * branches.min()).item()
