# expect: failed -
# Memorised the seed's printed trace; anything else falls back to max_lr.
TABLE = {(0, 1000): 1e-3, (250, 1000): 8.54e-4, (500, 1000): 5.005e-4, (750, 1000): 1.47e-4,
         (999, 1000): 1.0e-6}


def cosine_lr(step, total_steps, max_lr=1e-3, min_lr=1e-6):
    return TABLE.get((step, total_steps), max_lr)
