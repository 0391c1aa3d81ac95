# expect: failed lr_finder_smoothing
def smoothed_losses(losses, beta=0.98):
    smoothed = []
    for loss in losses:
        if smoothed:
            loss = (1 - beta) * loss + beta * smoothed[-1]  # torch-lr-finder, smooth_f = 1 - beta
        smoothed.append(loss)
    return smoothed
