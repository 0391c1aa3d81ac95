# expect: passed
import math


def exponential_lr(epoch, base_lr, gamma):
    return base_lr * math.exp(epoch * math.log(gamma))  # gamma ** epoch, rewritten
