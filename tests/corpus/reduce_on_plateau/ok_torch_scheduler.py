# expect: passed
import torch


def reduce_on_plateau(losses, base_lr, factor=0.1, patience=10, threshold=1e-4, cooldown=0,
                      min_lr=0.0):
    optimizer = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=base_lr)
    scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(
        optimizer, factor=factor, patience=patience, threshold=threshold, cooldown=cooldown,
        min_lr=min_lr)
    lrs = []
    for loss in losses:
        optimizer.step()
        scheduler.step(loss)
        lrs.append(optimizer.param_groups[0]["lr"])
    return lrs
