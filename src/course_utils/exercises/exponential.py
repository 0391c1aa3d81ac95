"""Exercise `exponential_lr`: multiply the lr by gamma every epoch.

Oracle: torch.optim.lr_scheduler.ExponentialLR(gamma).
"""

import math

from course_utils import schedules
from course_utils.cases import Case
from course_utils.exercises.base import Exercise, Mistake
from course_utils.exercises.oracles import cases_of, lr_at
from course_utils.torch_traces import exponential_trace


def edge_cases() -> list[Case]:
    def cases(label, *calls):
        return cases_of(exponential_lr, "base_lr", label, *calls)

    return [
        *cases("epoch 0: base_lr", (0, 0.01, 0.95)),
        *cases("epoch 1: one decay", (1, 0.01, 0.95)),
        *cases("ExponentialLR(0.95), base 0.01: 0.005987 at epoch 10", (10, 0.01, 0.95)),
        *cases("epoch 50", (50, 0.01, 0.95)),
        *cases("gamma = 0.5: halves every epoch", (5, 0.1, 0.5)),
        *cases("gamma = 1: constant", (30, 0.2, 1.0)),
        *cases("far later, gamma close to 1", (300, 1.0, 0.99)),
        *cases("small gamma", (3, 0.3, 0.2)),
    ]


def random_cases(rng) -> list[Case]:
    cases = []
    for _ in range(3):
        base_lr = 10 ** rng.uniform(-4, 0)
        gamma = round(rng.uniform(0.5, 0.999), 4)
        epochs = {0, 1, 2} | {rng.randrange(300) for _ in range(7)}
        cases += [Case((e, base_lr, gamma), base_lr, "random") for e in sorted(epochs)]
    return cases


def expected(cases: list[Case]) -> list[float]:
    return lr_at(cases, exponential_lr, exponential_trace, at="epoch")


def one_epoch_early(epoch, base_lr, gamma):
    return base_lr * gamma ** (epoch + 1)


def linear_decay(epoch, base_lr, gamma):
    return base_lr * (1 - (1 - gamma) * epoch)


def exp_of_gamma(epoch, base_lr, gamma):
    return base_lr * math.exp(-gamma * epoch)


def gamma_times_epoch(epoch, base_lr, gamma):
    return base_lr * gamma * epoch


def one_epoch_late(epoch, base_lr, gamma):
    return base_lr * gamma ** (epoch - 1)


def no_base_lr(epoch, base_lr, gamma):
    return gamma**epoch


def exponential_lr(epoch, base_lr, gamma) -> float:
    """base_lr, multiplied by gamma once per epoch."""
    return base_lr * gamma**epoch


MISTAKES = (
    Mistake("off_by_one", "your lr is one epoch ahead: at epoch 0 ExponentialLR gives base_lr "
            "itself, so the exponent is epoch, not epoch + 1.", one_epoch_early),
    Mistake("one_epoch_late", "your lr is one epoch behind: epochs count from 0, and epoch 0 "
            "gives base_lr itself, so the exponent is epoch, not epoch - 1.", one_epoch_late),
    Mistake("forgot_base_lr", "your answer is gamma ** epoch, the factor alone: multiply it by "
            "base_lr.", no_base_lr),
    Mistake("linear_decay", "this is a linear decay, base_lr * (1 - (1 - gamma) * epoch): "
            "it agrees at epoch 1 but then falls too fast (and goes negative). "
            "ExponentialLR multiplies by gamma every epoch: base_lr * gamma ** epoch.",
            linear_decay),
    Mistake("exp_of_gamma", "you used exp(-gamma * epoch): in torch, gamma is the factor the lr "
            "is multiplied by each epoch, not a decay rate: base_lr * gamma ** epoch.",
            exp_of_gamma),
    Mistake("gamma_times_epoch", "you multiply by gamma * epoch; the decays compound, so gamma "
            "is raised to a power: base_lr * gamma ** epoch.", gamma_times_epoch),
)

HINTS = (
    "Write out the first few epochs: epoch 0 is base_lr, epoch 1 is base_lr * gamma, "
    "epoch 2 is base_lr * gamma * gamma. What is the pattern?",
    "Each epoch multiplies the previous lr by gamma, so after `epoch` epochs gamma has "
    "been applied `epoch` times: a power, not a product with epoch.",
    "lr = base_lr * gamma ** epoch. Check: gamma = 0.95, base 0.01 gives 0.005987 at "
    "epoch 10.",
)

EXERCISE = Exercise(solution=exponential_lr, notebook="03_exponential_lr",
                    reference=schedules.exponential_lr, edge_cases=edge_cases,
                    random_cases=random_cases, expected=expected, mistakes=MISTAKES, hints=HINTS)
