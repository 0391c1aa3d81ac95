# expect: failed scheduler_before_optimizer
import torch
import torch.nn.functional as F


def train_loop(model, train_loader, val_loader, optimizer, scheduler, epochs, step_per="epoch"):
    val_losses = []
    for _epoch in range(epochs):
        if step_per == "epoch":
            scheduler.step()  # at the start of the epoch: one epoch early
        for X, y in train_loader:
            optimizer.zero_grad()
            F.cross_entropy(model(X), y).backward()
            if step_per == "batch":
                scheduler.step()
            optimizer.step()
        with torch.no_grad():
            val_losses.append(sum(F.cross_entropy(model(X), y).item() for X, y in val_loader))
        if step_per == "plateau":
            scheduler.step(val_losses[-1])
    return val_losses
