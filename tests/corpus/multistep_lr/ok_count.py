# expect: passed
def multistep_lr(epoch, base_lr, milestones, gamma=0.1):
    return base_lr * gamma ** sum(1 for m in milestones if m <= epoch)
