# expect: error correction_power_zero
def smoothed_losses(losses, beta=0.98):
    average, smoothed = 0.0, []
    for i, loss in enumerate(losses):
        average = beta * average + (1 - beta) * loss
        smoothed.append(average / (1 - beta**i))  # ZeroDivisionError at i = 0
    return smoothed
