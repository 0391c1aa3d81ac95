# expect: failed -
def get_warmup_cosine_scheduler(optimizer, warmup_steps, total_steps, min_lr=0.0):
    for group in optimizer.param_groups:
        group["lr"] = 0.0  # forgot to build and return a scheduler
