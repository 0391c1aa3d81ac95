# expect: not_attempted -
def sequential_warmup_cosine_lr(step, base_lr, warmup_steps, milestone, T_max, start_factor=0.1,
                                eta_min=0.0):
    # YOUR CODE HERE
    raise NotImplementedError("Your code here")
