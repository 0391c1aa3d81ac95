# expect: passed
import torch


def one_cycle_lr(step, total_steps, max_lr, pct_start=0.3, div_factor=25.0,
                 final_div_factor=1e4):
    start, end = max_lr / div_factor, max_lr / div_factor / final_div_factor
    peak = pct_start * total_steps - 1
    if step <= peak:
        a, b, pct = start, max_lr, step / peak
    else:
        a, b, pct = max_lr, end, (step - peak) / (total_steps - 1 - peak)
    pct = torch.tensor(pct, dtype=torch.float64)
    return b + (a - b) * (1 + torch.cos(torch.pi * pct)) / 2  # a 0-d tensor
