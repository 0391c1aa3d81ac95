# expect: error -
import math


def exponential_lr(epoch, base_lr, gamma):
    return base_lr * math.pow(gamma, epoch, 2)  # math.pow takes two arguments: TypeError
