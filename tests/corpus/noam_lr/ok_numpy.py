# expect: passed
import numpy as np


def noam_lr(step, d_model=512, warmup_steps=4000, factor=1.0):
    s = np.float64(max(step, 1e-300))
    lr = factor * np.power(d_model, -0.5) * np.minimum(np.power(s, -0.5), s * warmup_steps ** -1.5)
    return float(lr) if step > 0 else 0.0
