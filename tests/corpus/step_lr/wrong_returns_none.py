# expect: failed -
def step_lr(epoch, base_lr, step_size, gamma=0.1):
    lr = base_lr * gamma ** (epoch // step_size)
    print(f"epoch {epoch}: lr = {lr}")  # forgot to return it
