# expect: passed
class Plateau:
    def __init__(self, lr, factor, patience, threshold, cooldown, min_lr):
        self.lr, self.factor, self.patience = lr, factor, patience
        self.threshold, self.cooldown, self.min_lr = threshold, cooldown, min_lr
        self.best = None
        self.num_bad = 0
        self.cooldown_left = 0

    def step(self, loss):
        if self.best is None or self.best - loss > self.threshold * self.best:
            self.best, self.num_bad = loss, 0
        else:
            self.num_bad += 1
        if self.cooldown_left:
            self.cooldown_left -= 1
            self.num_bad = 0
        if self.num_bad > self.patience:
            self.lr = max(self.lr * self.factor, self.min_lr)
            self.cooldown_left, self.num_bad = self.cooldown, 0
        return self.lr


def reduce_on_plateau(losses, base_lr, factor=0.1, patience=10, threshold=1e-4, cooldown=0,
                      min_lr=0.0):
    sched = Plateau(base_lr, factor, patience, threshold, cooldown, min_lr)
    return tuple(sched.step(loss) for loss in losses)  # a tuple is a list of numbers too
