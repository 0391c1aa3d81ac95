# expect: failed unique_milestones
def multistep_lr(epoch, base_lr, milestones, gamma=0.1):
    passed = {m for m in milestones if m <= epoch}
    return base_lr * gamma ** len(passed)
