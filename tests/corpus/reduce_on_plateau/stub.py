# expect: not_attempted -
def reduce_on_plateau(losses, base_lr, factor=0.1, patience=10, threshold=1e-4, cooldown=0,
                      min_lr=0.0):
    # YOUR CODE HERE
    raise NotImplementedError("Your code here")
