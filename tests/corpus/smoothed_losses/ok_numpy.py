# expect: passed
import numpy as np


def smoothed_losses(losses, beta=0.98):
    losses = np.asarray(losses, dtype=float)
    average = np.zeros(len(losses))
    running = 0.0
    for i, loss in enumerate(losses):
        running = beta * running + (1 - beta) * loss
        average[i] = running
    return average / (1 - beta ** np.arange(1, len(losses) + 1))  # a numpy array
