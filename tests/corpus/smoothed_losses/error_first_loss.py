# expect: error -
def smoothed_losses(losses, beta=0.98):
    smoothed = [losses[0]]  # IndexError for an empty list
    for loss in losses[1:]:
        smoothed.append(beta * smoothed[-1] + (1 - beta) * loss)
    return smoothed
