# expect: passed
import torch


def sequential_warmup_cosine_lr(step, base_lr, warmup_steps, milestone, T_max, start_factor=0.1,
                                eta_min=0.0):
    s = torch.tensor(float(step), dtype=torch.float64)
    if step < milestone:
        done = torch.clamp(s / warmup_steps, max=1.0)
        return base_lr * (start_factor + (1 - start_factor) * done)
    t = s - milestone
    return eta_min + (base_lr - eta_min) * (1 + torch.cos(torch.pi * t / T_max)) / 2
