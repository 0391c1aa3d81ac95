# expect: failed step_zero_as_step_one
def noam_lr(step, d_model=512, warmup_steps=4000, factor=1.0):
    step = max(step, 1)  # "avoid the division by zero"
    return factor * d_model ** -0.5 * min(step ** -0.5, step * warmup_steps ** -1.5)
