# expect: failed -
# Memorised the lesson's numbers for T_0 = 10, T_mult = 2; anything else gets max_lr.
TABLE = {20: 0.05, 29: 6.2e-4, 10: 0.1, 30: 0.1}


def warm_restarts_lr(step, T_0, T_mult=1, max_lr=0.1, min_lr=0.0):
    return TABLE.get(step, max_lr)
