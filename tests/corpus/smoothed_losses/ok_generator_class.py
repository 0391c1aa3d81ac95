# expect: passed
class Smoother:
    def __init__(self, beta):
        self.beta, self.average, self.count = beta, 0.0, 0

    def __call__(self, loss):
        self.count += 1
        self.average = self.beta * self.average + (1 - self.beta) * loss
        return self.average / (1 - self.beta**self.count)


def smoothed_losses(losses, beta=0.98):
    smooth = Smoother(beta)
    return [smooth(loss) for loss in losses]
