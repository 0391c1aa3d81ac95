# expect: passed
def smoothed_losses(losses, beta=0.98):
    out = []
    for i in range(len(losses)):
        weights = [beta ** (i - j) for j in range(i + 1)]  # the closed form: a weighted mean
        out.append(sum(w * x for w, x in zip(weights, losses, strict=False)) / sum(weights))
    return out
