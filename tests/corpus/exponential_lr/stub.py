# expect: not_attempted -
def exponential_lr(epoch, base_lr, gamma):
    # YOUR CODE HERE
    raise NotImplementedError("Your code here")
