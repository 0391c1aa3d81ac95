# expect: failed strict_less_than
def multistep_lr(epoch, base_lr, milestones, gamma=0.1):
    lr = base_lr
    for m in milestones:
        if epoch > m:  # "after the milestone"
            lr *= gamma
    return lr
