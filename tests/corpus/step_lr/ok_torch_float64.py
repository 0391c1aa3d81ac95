# expect: passed
import torch


def step_lr(epoch, base_lr, step_size, gamma=0.1):
    n_drops = torch.div(torch.tensor(epoch), step_size, rounding_mode="floor")
    return base_lr * torch.tensor(gamma, dtype=torch.float64) ** n_drops  # a 0-d tensor
