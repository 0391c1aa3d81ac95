# expect: passed
def noam_lr(step, d_model=512, warmup_steps=4000, factor=1.0):
    if step == 0:
        return 0.0
    return factor * d_model ** -0.5 * min(step ** -0.5, step * warmup_steps ** -1.5)
