# expect: not_attempted -
def smoothed_losses(losses, beta=0.98):
    # YOUR CODE HERE
    raise NotImplementedError("Your code here")
