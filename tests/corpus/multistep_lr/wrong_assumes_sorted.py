# expect: failed assumes_sorted_milestones
def multistep_lr(epoch, base_lr, milestones, gamma=0.1):
    n_drops = 0
    for m in milestones:
        if m > epoch:
            break  # "the rest are later anyway"
        n_drops += 1
    return base_lr * gamma**n_drops
