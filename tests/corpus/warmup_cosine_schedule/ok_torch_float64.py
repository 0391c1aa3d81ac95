# expect: passed
import torch


def warmup_cosine_schedule(step, warmup_steps, total_steps, max_lr=3e-4, min_lr=1e-6):
    if step >= total_steps:
        return torch.tensor(min_lr, dtype=torch.float64)
    if step < warmup_steps:
        return torch.tensor(max_lr * step / warmup_steps, dtype=torch.float64)
    p = torch.tensor(step - warmup_steps, dtype=torch.float64)
    p = p / max(1, total_steps - warmup_steps)
    return min_lr + (max_lr - min_lr) * (1 + torch.cos(torch.pi * p)) / 2
