# expect: passed
import torch


def cosine_lr(step, total_steps, max_lr=1e-3, min_lr=1e-6):
    p = torch.tensor(min(step, total_steps) / total_steps, dtype=torch.float64)
    return min_lr + (max_lr - min_lr) * 0.5 * (1 + torch.cos(torch.pi * p))  # a 0-d tensor
