"""Exercise `exponential_lr`: multiply the lr by gamma every epoch (torch's ExponentialLR)."""

import math

from course_utils import schedules
from course_utils.cases import Case
from course_utils.exercises.base import Exercise, Mistake
from course_utils.exercises.oracles import bind, call_text, exponential_expected

NAME = "exponential_lr"


def _edge_cases() -> list[Case]:
    return [
        Case((0, 0.01, 0.95), 0.01, "epoch 0: base_lr"),
        Case((1, 0.01, 0.95), 0.01, "epoch 1: one decay"),
        Case((10, 0.01, 0.95), 0.01, "ExponentialLR(0.95), base 0.01: 0.005987 at epoch 10"),
        Case((50, 0.01, 0.95), 0.01, "epoch 50"),
        Case((5, 0.1, 0.5), 0.1, "gamma = 0.5: halves every epoch"),
        Case((30, 0.2, 1.0), 0.2, "gamma = 1: constant"),
        Case((300, 1.0, 0.99), 1.0, "far later, gamma close to 1"),
        Case((3, 0.3, 0.2), 0.3, "small gamma"),
    ]


def _random_cases(rng) -> list[Case]:
    cases = []
    for _ in range(3):
        base_lr = 10 ** rng.uniform(-4, 0)
        gamma = round(rng.uniform(0.5, 0.999), 4)
        epochs = {0, 1, 2} | {rng.randrange(300) for _ in range(7)}
        cases += [Case((e, base_lr, gamma), base_lr, "random") for e in sorted(epochs)]
    return cases


def _expected(cases: list[Case]) -> list[float]:
    points = []
    for case in cases:
        a = bind(schedules.exponential_lr, case)
        points.append((a["epoch"], a["base_lr"], a["gamma"]))
    return exponential_expected(points)


def one_epoch_early(epoch, base_lr, gamma):
    return base_lr * gamma ** (epoch + 1)


def linear_decay(epoch, base_lr, gamma):
    return base_lr * (1 - (1 - gamma) * epoch)


def exp_of_gamma(epoch, base_lr, gamma):
    return base_lr * math.exp(-gamma * epoch)


def gamma_times_epoch(epoch, base_lr, gamma):
    return base_lr * gamma * epoch


def exponential_lr(epoch, base_lr, gamma):
    """base_lr, multiplied by gamma once per epoch."""
    return base_lr * gamma**epoch


MISTAKES = (
    Mistake("off_by_one", "your lr is one epoch ahead: at epoch 0 ExponentialLR gives base_lr "
            "itself, so the exponent is epoch, not epoch + 1.", one_epoch_early),
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

EXERCISE = Exercise(
    name=NAME,
    notebook="03_exponential_lr",
    signature="exponential_lr(epoch, base_lr, gamma) -> float",
    points=10,
    oracle="torch.optim.lr_scheduler.ExponentialLR(gamma)",
    edge_cases=_edge_cases,
    random_cases=_random_cases,
    expected=_expected,
    describe_case=lambda case: call_text(NAME, schedules.exponential_lr, case),
    reference=schedules.exponential_lr,
    solution=exponential_lr,
    mistakes=MISTAKES,
    hints=(
        "Write out the first few epochs: epoch 0 is base_lr, epoch 1 is base_lr * gamma, "
        "epoch 2 is base_lr * gamma * gamma. What is the pattern?",
        "Each epoch multiplies the previous lr by gamma, so after `epoch` epochs gamma has "
        "been applied `epoch` times: a power, not a product with epoch.",
        "lr = base_lr * gamma ** epoch. Check: gamma = 0.95, base 0.01 gives 0.005987 at "
        "epoch 10.",
    ),
)
