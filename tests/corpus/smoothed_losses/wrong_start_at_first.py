# expect: failed started_at_first_loss
def smoothed_losses(losses, beta=0.98):
    smoothed = []
    average = losses[0] if losses else 0.0
    for i, loss in enumerate(losses):
        average = beta * average + (1 - beta) * loss
        smoothed.append(average / (1 - beta ** (i + 1)))
    return smoothed
