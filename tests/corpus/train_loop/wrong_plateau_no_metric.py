# expect: error plateau_without_metric
import torch.nn.functional as F


def train_loop(model, train_loader, val_loader, optimizer, scheduler, epochs, step_per="epoch"):
    for _epoch in range(epochs):
        for X, y in train_loader:
            optimizer.zero_grad()
            F.cross_entropy(model(X), y).backward()
            optimizer.step()
            if step_per == "batch":
                scheduler.step()
        if step_per != "batch":
            scheduler.step()
    return []
