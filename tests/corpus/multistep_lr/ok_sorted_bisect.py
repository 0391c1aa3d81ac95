# expect: passed
from bisect import bisect_right


def multistep_lr(epoch, base_lr, milestones, gamma=0.1):
    return base_lr * gamma ** bisect_right(sorted(milestones), epoch)
