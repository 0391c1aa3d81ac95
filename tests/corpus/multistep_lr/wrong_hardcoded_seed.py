# expect: failed -
def multistep_lr(epoch, base_lr, milestones, gamma=0.1):
    # only works for the seed's [30, 60, 90]
    return base_lr * gamma ** ((epoch >= 30) + (epoch >= 60) + (epoch >= 90))
