# expect: passed
import torch


def sequential_warmup_cosine_lr(step, base_lr, warmup_steps, milestone, T_max, start_factor=0.1,
                                eta_min=0.0):
    """Ask torch itself: build the scheduler and step it."""
    optimizer = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=base_lr)
    warmup = torch.optim.lr_scheduler.LinearLR(optimizer, start_factor, 1.0, warmup_steps)
    decay = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max, eta_min)
    scheduler = torch.optim.lr_scheduler.SequentialLR(optimizer, [warmup, decay], [milestone])
    for _ in range(step):
        optimizer.step()
        scheduler.step()
    return optimizer.param_groups[0]["lr"]
