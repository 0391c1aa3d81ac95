# expect: failed -
import torch.nn.functional as F


def train_loop(model, train_loader, val_loader, optimizer, scheduler, epochs, step_per="epoch"):
    for _epoch in range(epochs):
        for X, y in train_loader:
            F.cross_entropy(model(X), y).backward()  # forgot optimizer.step()
    return []
