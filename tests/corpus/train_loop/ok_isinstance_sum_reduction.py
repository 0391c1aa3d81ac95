# expect: passed
from torch import nn
from torch.optim.lr_scheduler import ReduceLROnPlateau


def train_loop(model, train_loader, val_loader, optimizer, scheduler, epochs, step_per="epoch"):
    """Dispatches on the scheduler's type, sums the validation loss per sample, logs lrs."""
    criterion = nn.CrossEntropyLoss()
    summed = nn.CrossEntropyLoss(reduction="sum")
    history = {"val_loss": [], "lr": []}
    for _ in range(epochs):
        for inputs, targets in train_loader:
            history["lr"].append(optimizer.param_groups[0]["lr"])
            loss = criterion(model(inputs), targets)
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
            if step_per == "batch":
                scheduler.step()
        total, count = 0.0, 0
        for inputs, targets in val_loader:
            total += summed(model(inputs), targets).detach()
            count += len(targets)
        val_loss = total / count  # a 0-d tensor: ReduceLROnPlateau takes it too
        history["val_loss"].append(float(val_loss))
        if isinstance(scheduler, ReduceLROnPlateau):
            scheduler.step(val_loss)
        elif step_per == "epoch":
            scheduler.step()
    return history["val_loss"]
