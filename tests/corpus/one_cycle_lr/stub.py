# expect: not_attempted -
def one_cycle_lr(step, total_steps, max_lr, pct_start=0.3, div_factor=25.0,
                 final_div_factor=1e4):
    # YOUR CODE HERE
    raise NotImplementedError("Your code here")
