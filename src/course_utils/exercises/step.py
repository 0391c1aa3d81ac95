"""Exercise `step_lr`: multiply the lr by gamma every step_size epochs (torch's StepLR)."""

import math

from course_utils import schedules
from course_utils.cases import Case
from course_utils.exercises.base import Exercise, Mistake
from course_utils.exercises.oracles import bind, call_text, step_expected

NAME = "step_lr"


def _edge_cases() -> list[Case]:
    seed = [Case((e, 0.1, 30), 0.1, "StepLR(step_size=30), default gamma")
            for e in (0, 1, 29, 30, 31, 45, 59, 60, 61, 89, 90)]
    return [
        *seed,
        Case((250, 0.1, 30), 0.1, "far later: 8 drops"),
        Case((0, 0.5, 1, 0.5), 0.5, "step_size = 1, epoch 0"),
        Case((1, 0.5, 1, 0.5), 0.5, "step_size = 1: a drop every epoch"),
        Case((7, 0.5, 1, 0.5), 0.5, "step_size = 1, epoch 7"),
        Case((9, 0.03, 10, 0.5), 0.03, "just before the first drop"),
        Case((10, 0.03, 10, 0.5), 0.03, "exactly at the first drop"),
        Case((25, 0.03, 10, 0.5), 0.03, "between the second and third drop"),
        Case((40, 0.2, 7, 1.0), 0.2, "gamma = 1: constant"),
        Case((12, 1.0, 4, 0.9), 1.0, "gamma close to 1"),
    ]


def _random_cases(rng) -> list[Case]:
    cases = []
    for _ in range(3):
        step_size = rng.randint(2, 40)
        base_lr = 10 ** rng.uniform(-4, 0)
        gamma = rng.choice([0.1, 0.5, round(rng.uniform(0.2, 0.95), 3)])
        epochs = {0, step_size - 1, step_size, step_size + 1, 2 * step_size, 3 * step_size - 1}
        epochs |= {rng.randrange(6 * step_size) for _ in range(6)}
        args = (base_lr, step_size, gamma)
        cases += [Case((e, *args), base_lr, "random") for e in sorted(epochs)]
    return cases


def _expected(cases: list[Case]) -> list[float]:
    points = []
    for case in cases:
        a = bind(schedules.step_lr, case)
        points.append((a["epoch"], a["base_lr"], a["step_size"], a["gamma"]))
    return step_expected(points)


def one_epoch_late(epoch, base_lr, step_size, gamma=0.1):
    return base_lr * gamma ** ((epoch - 1) // step_size)


def ceil_instead_of_floor(epoch, base_lr, step_size, gamma=0.1):
    return base_lr * gamma ** math.ceil(epoch / step_size)


def float_exponent(epoch, base_lr, step_size, gamma=0.1):
    return base_lr * gamma ** (epoch / step_size)


def gamma_subtracted(epoch, base_lr, step_size, gamma=0.1):
    return base_lr - gamma * (epoch // step_size)


def gamma_times_drops(epoch, base_lr, step_size, gamma=0.1):
    return base_lr * gamma * (epoch // step_size)


def step_lr(epoch, base_lr, step_size, gamma=0.1):
    """base_lr, multiplied by gamma once every step_size epochs."""
    n_drops = epoch // step_size  # whole steps completed so far
    return base_lr * gamma**n_drops


MISTAKES = (
    Mistake("decays_one_epoch_late", "your lr drops one epoch late: StepLR multiplies by gamma "
            "AT epoch step_size (and 2·step_size, …): the exponent is floor(epoch / step_size), "
            "not floor((epoch - 1) / step_size), which even gives base_lr / gamma at epoch 0.",
            one_epoch_late),
    Mistake("ceil_instead_of_floor", "you used ceil(epoch / step_size): the lr drops right "
            "after epoch 0. The drops happen at epochs step_size, 2·step_size, …: use "
            "floor (epoch // step_size).", ceil_instead_of_floor),
    Mistake("float_exponent", "your lr decays smoothly: epoch / step_size is a fraction. StepLR "
            "is a staircase: the exponent is the whole number of steps, epoch // step_size.",
            float_exponent),
    Mistake("gamma_subtracted", "you subtract gamma; StepLR multiplies: every step_size epochs "
            "the lr becomes lr * gamma, so lr = base_lr * gamma ** (epoch // step_size).",
            gamma_subtracted),
    Mistake("gamma_times_drops", "you multiply by gamma * (number of drops): the drops "
            "compound, so gamma is raised to a power: base_lr * gamma ** (epoch // step_size).",
            gamma_times_drops),
)

EXERCISE = Exercise(
    name=NAME,
    notebook="01_step_lr",
    signature="step_lr(epoch, base_lr, step_size, gamma=0.1) -> float",
    points=10,
    oracle="torch.optim.lr_scheduler.StepLR(step_size, gamma)",
    edge_cases=_edge_cases,
    random_cases=_random_cases,
    expected=_expected,
    describe_case=lambda case: call_text(NAME, schedules.step_lr, case),
    reference=schedules.step_lr,
    solution=step_lr,
    mistakes=MISTAKES,
    hints=(
        "Count how many whole step_size blocks have passed by this epoch. Epochs 0 .. "
        "step_size - 1 are block 0 (no drop yet); the first drop happens AT epoch step_size.",
        "That count is epoch // step_size (integer division). Each drop multiplies the lr by "
        "gamma, so the drops compound.",
        "lr = base_lr * gamma ** (epoch // step_size). Check: StepLR(30, 0.1) with base 0.1 "
        "gives 0.1 at epoch 29, 0.01 at epoch 30 and 45, 0.001 at epoch 60.",
    ),
)
