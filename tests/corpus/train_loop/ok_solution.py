# expect: passed
import torch
import torch.nn.functional as F


def train_loop(model, train_loader, val_loader, optimizer, scheduler, epochs, step_per="epoch"):
    val_losses = []
    for _ in range(epochs):
        model.train()
        for X, y in train_loader:
            optimizer.zero_grad()
            loss = F.cross_entropy(model(X), y)
            loss.backward()
            optimizer.step()
            if step_per == "batch":
                scheduler.step()
        model.eval()
        with torch.no_grad():
            val_loss = sum(F.cross_entropy(model(X), y).item() for X, y in val_loader)
        val_loss /= len(val_loader)
        val_losses.append(val_loss)
        if step_per == "epoch":
            scheduler.step()
        elif step_per == "plateau":
            scheduler.step(val_loss)
    return val_losses
