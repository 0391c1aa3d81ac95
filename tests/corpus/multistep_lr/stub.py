# expect: not_attempted -
def multistep_lr(epoch, base_lr, milestones, gamma=0.1):
    # YOUR CODE HERE
    raise NotImplementedError("Your code here")
