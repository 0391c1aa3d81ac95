# expect: passed
import torch


def range_test_lr(step, start_lr=1e-7, end_lr=10.0, num_steps=100):
    optimizer = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=start_lr)
    gamma = (end_lr / start_lr) ** (1 / (num_steps - 1))
    scheduler = torch.optim.lr_scheduler.ExponentialLR(optimizer, gamma)
    for _ in range(step):
        optimizer.step()
        scheduler.step()
    return scheduler.get_last_lr()[0]
