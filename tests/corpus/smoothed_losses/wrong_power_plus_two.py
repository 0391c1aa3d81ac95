# expect: failed correction_power_off_by_one
def smoothed_losses(losses, beta=0.98):
    average, smoothed = 0.0, []
    for step, loss in enumerate(losses, start=1):
        average = beta * average + (1 - beta) * loss
        smoothed.append(average / (1 - beta ** (step + 1)))  # step already counts from 1
    return smoothed
