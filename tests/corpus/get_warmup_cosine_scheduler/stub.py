# expect: not_attempted -
def get_warmup_cosine_scheduler(optimizer, warmup_steps, total_steps, min_lr=0.0):
    # YOUR CODE HERE
    raise NotImplementedError("Your code here")
