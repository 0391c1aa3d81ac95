# expect: not_attempted -
def warm_restarts_lr(step, T_0, T_mult=1, max_lr=0.1, min_lr=0.0):
    # YOUR CODE HERE
    raise NotImplementedError("Your code here")
