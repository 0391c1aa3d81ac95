# expect: not_attempted -
def warmup_cosine_schedule(step, warmup_steps, total_steps, max_lr=3e-4, min_lr=1e-6):
    # YOUR CODE HERE
    raise NotImplementedError("Your code here")
