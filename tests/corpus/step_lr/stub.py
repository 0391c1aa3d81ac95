# expect: not_attempted -
def step_lr(epoch, base_lr, step_size, gamma=0.1):
    # YOUR CODE HERE
    raise NotImplementedError("Your code here")
