# expect: passed
from collections import Counter


def multistep_lr(epoch, base_lr, milestones, gamma=0.1):
    """What torch does: walk the epochs, multiply by gamma ** count at each milestone."""
    counts = Counter(milestones)
    lr = base_lr
    for e in range(epoch + 1):
        lr *= gamma ** counts[e]
    return lr
