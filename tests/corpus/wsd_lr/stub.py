# expect: not_attempted -
def wsd_lr(step, total_steps, warmup_steps, decay_steps, max_lr, min_lr=0.0, decay_type="linear"):
    # YOUR CODE HERE
    raise NotImplementedError("Your code here")
