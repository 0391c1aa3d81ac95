# expect: passed
import torch


def multistep_lr(epoch, base_lr, milestones, gamma=0.1):
    marks = torch.tensor(milestones, dtype=torch.float64)
    return base_lr * torch.tensor(gamma, dtype=torch.float64) ** (marks <= epoch).sum()
