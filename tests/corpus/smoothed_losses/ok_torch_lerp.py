# expect: passed
import torch


def smoothed_losses(losses, beta=0.98):
    # fastai's AvgSmoothLoss: val = torch.lerp(loss, val, beta); value = val / (1 - beta**count)
    val, out = torch.tensor(0.0, dtype=torch.float64), []
    for count, loss in enumerate(losses, start=1):
        val = torch.lerp(torch.tensor(float(loss), dtype=torch.float64), val, beta)
        out.append(val / (1 - beta**count))
    return out  # a list of 0-d tensors
