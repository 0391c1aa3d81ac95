# expect: failed exp_of_gamma
import math


def exponential_lr(epoch, base_lr, gamma):
    return base_lr * math.exp(-gamma * epoch)  # "exponential decay with rate gamma"
