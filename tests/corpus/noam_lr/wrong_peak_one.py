# expect: failed peak_one
def noam_lr(step, d_model=512, warmup_steps=4000, factor=1.0):
    if step < warmup_steps:
        return factor * step / warmup_steps
    return factor * (warmup_steps / step) ** 0.5
