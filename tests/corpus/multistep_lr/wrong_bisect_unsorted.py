# expect: failed bisect_unsorted_milestones
import bisect


def multistep_lr(epoch, base_lr, milestones, gamma=0.1):
    return base_lr * gamma ** bisect.bisect_right(milestones, epoch)
