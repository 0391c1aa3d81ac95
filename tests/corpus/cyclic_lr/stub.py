# expect: not_attempted -
def cyclic_lr(step, base_lr, max_lr, step_size_up=2000, mode="triangular", gamma=1.0):
    # YOUR CODE HERE
    raise NotImplementedError("Your code here")
