# expect: failed linear_anneal
def one_cycle_lr(step, total_steps, max_lr, pct_start=0.3, div_factor=25.0,
                 final_div_factor=1e4):
    initial_lr = max_lr / div_factor
    final_lr = initial_lr / final_div_factor
    peak = pct_start * total_steps - 1
    if step <= peak:
        return initial_lr + (max_lr - initial_lr) * step / peak
    return max_lr + (final_lr - max_lr) * (step - peak) / (total_steps - 1 - peak)
