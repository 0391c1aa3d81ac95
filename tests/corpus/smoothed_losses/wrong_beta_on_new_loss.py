# expect: failed beta_on_new_loss
def smoothed_losses(losses, beta=0.98):
    average, smoothed = 0.0, []
    for i, loss in enumerate(losses):
        average = (1 - beta) * average + beta * loss
        smoothed.append(average / (1 - beta ** (i + 1)))
    return smoothed
