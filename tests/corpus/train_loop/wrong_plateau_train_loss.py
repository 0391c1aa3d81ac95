# expect: failed plateau_on_train_loss
import torch.nn.functional as F


def train_loop(model, train_loader, val_loader, optimizer, scheduler, epochs, step_per="epoch"):
    for _epoch in range(epochs):
        for X, y in train_loader:
            optimizer.zero_grad()
            loss = F.cross_entropy(model(X), y)
            loss.backward()
            optimizer.step()
            if step_per == "batch":
                scheduler.step()
        if step_per == "epoch":
            scheduler.step()
        elif step_per == "plateau":
            scheduler.step(loss.item())  # the last training batch's loss
    return []
