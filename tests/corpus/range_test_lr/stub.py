# expect: not_attempted -
def range_test_lr(step, start_lr=1e-7, end_lr=10.0, num_steps=100):
    # YOUR CODE HERE
    raise NotImplementedError("Your code here")
