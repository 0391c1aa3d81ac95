# expect: error -
def multistep_lr(epoch, base_lr, milestones, gamma=0.1):
    i = 0
    while epoch >= milestones[i]:  # IndexError once every milestone is passed
        i += 1
    return base_lr * gamma**i
