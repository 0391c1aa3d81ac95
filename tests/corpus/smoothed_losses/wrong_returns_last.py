# expect: failed -
def smoothed_losses(losses, beta=0.98):
    average = 0.0
    for loss in losses:
        average = beta * average + (1 - beta) * loss
    return average / (1 - beta ** len(losses)) if losses else 0.0  # one number, not a list
