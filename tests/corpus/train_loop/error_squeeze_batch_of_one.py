# expect: error -
import torch.nn.functional as F


def train_loop(model, train_loader, val_loader, optimizer, scheduler, epochs, step_per="epoch"):
    val_losses = []
    for _epoch in range(epochs):
        for X, y in train_loader:
            optimizer.zero_grad()
            F.cross_entropy(model(X).squeeze(), y).backward()  # a batch of one loses its dim
            optimizer.step()
            if step_per == "batch":
                scheduler.step()
        val_losses.append(sum(F.cross_entropy(model(X), y).item() for X, y in val_loader))
        if step_per == "epoch":
            scheduler.step()
        elif step_per == "plateau":
            scheduler.step(val_losses[-1])
    return val_losses
