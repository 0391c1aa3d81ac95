# expect: passed
def noam_lr(step, d_model=512, warmup_steps=4000, factor=1.0):
    scale = factor * d_model ** -0.5
    if step == 0:
        return 0.0
    if step <= warmup_steps:  # warming up
        return scale * step / warmup_steps ** 1.5
    return scale / step ** 0.5
