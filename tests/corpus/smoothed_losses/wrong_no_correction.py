# expect: failed no_bias_correction
def smoothed_losses(losses, beta=0.98):
    average, smoothed = 0.0, []
    for loss in losses:
        average = beta * average + (1 - beta) * loss
        smoothed.append(average)
    return smoothed
