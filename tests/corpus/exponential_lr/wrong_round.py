# expect: failed -
def exponential_lr(epoch, base_lr, gamma):
    return round(base_lr * gamma**epoch, 2)
