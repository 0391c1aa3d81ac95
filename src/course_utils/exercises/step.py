"""Exercise `step_lr`: multiply the lr by gamma every step_size epochs.

Oracle: torch.optim.lr_scheduler.StepLR(step_size, gamma).
"""

import math

from course_utils import schedules
from course_utils.cases import Case
from course_utils.exercises.base import Exercise, Mistake
from course_utils.exercises.oracles import cases_of, lr_at
from course_utils.torch_traces import step_trace


def edge_cases() -> list[Case]:
    def cases(label, *calls):
        return cases_of(step_lr, "base_lr", label, *calls)

    return [
        *cases("StepLR(step_size=30), default gamma",
               *[(e, 0.1, 30) for e in (0, 1, 29, 30, 31, 45, 59, 60, 61, 89, 90)]),
        *cases("far later: 8 drops", (250, 0.1, 30)),
        *cases("step_size = 1, epoch 0", (0, 0.5, 1, 0.5)),
        *cases("step_size = 1: a drop every epoch", (1, 0.5, 1, 0.5)),
        *cases("step_size = 1, epoch 7", (7, 0.5, 1, 0.5)),
        *cases("just before the first drop", (9, 0.03, 10, 0.5)),
        *cases("exactly at the first drop", (10, 0.03, 10, 0.5)),
        *cases("between the second and third drop", (25, 0.03, 10, 0.5)),
        *cases("gamma = 1: constant", (40, 0.2, 7, 1.0)),
        *cases("gamma close to 1", (12, 1.0, 4, 0.9)),
    ]


def random_cases(rng) -> list[Case]:
    cases = []
    for _ in range(3):
        step_size = rng.randint(2, 40)
        base_lr = 10 ** rng.uniform(-4, 0)
        gamma = rng.choice([0.1, 0.5, round(rng.uniform(0.2, 0.95), 3)])
        epochs = {0, step_size - 1, step_size, step_size + 1, 2 * step_size, 3 * step_size - 1}
        epochs |= {rng.randrange(6 * step_size) for _ in range(6)}
        cases += [Case((e, base_lr, step_size, gamma), base_lr, "random") for e in sorted(epochs)]
    return cases


def expected(cases: list[Case]) -> list[float]:
    return lr_at(cases, step_lr, step_trace, at="epoch")


def one_epoch_late(epoch, base_lr, step_size, gamma=0.1):
    return base_lr * gamma ** (max(0, epoch - 1) // step_size)


def ceil_instead_of_floor(epoch, base_lr, step_size, gamma=0.1):
    return base_lr * gamma ** math.ceil(epoch / step_size)


def float_exponent(epoch, base_lr, step_size, gamma=0.1):
    return base_lr * gamma ** (epoch / step_size)


def gamma_subtracted(epoch, base_lr, step_size, gamma=0.1):
    return base_lr - gamma * (epoch // step_size)


def gamma_times_drops(epoch, base_lr, step_size, gamma=0.1):
    return base_lr * gamma * (epoch // step_size)


def one_epoch_early(epoch, base_lr, step_size, gamma=0.1):
    return base_lr * gamma ** ((epoch + 1) // step_size)


def every_epoch(epoch, base_lr, step_size, gamma=0.1):
    return base_lr * gamma**epoch


def drops_counted_from_one(epoch, base_lr, step_size, gamma=0.1):
    return base_lr * gamma ** (epoch // step_size + 1)


def first_drop_skipped(epoch, base_lr, step_size, gamma=0.1):
    return base_lr * gamma ** (epoch // step_size - 1)


def no_base_lr(epoch, base_lr, step_size, gamma=0.1):
    return gamma ** (epoch // step_size)


def step_lr(epoch, base_lr, step_size, gamma=0.1) -> float:
    """base_lr, multiplied by gamma once every step_size epochs."""
    n_drops = epoch // step_size  # whole steps completed so far
    return base_lr * gamma**n_drops


MISTAKES = (
    Mistake("decays_one_epoch_late", "your lr drops one epoch late: StepLR multiplies by gamma "
            "AT epoch step_size (and 2·step_size, …): the exponent is floor(epoch / step_size), "
            "not floor((epoch - 1) / step_size).",
            one_epoch_late),
    Mistake("decays_one_epoch_early", "your lr drops one epoch early: with (epoch + 1) // "
            "step_size the first drop comes at epoch step_size - 1. StepLR multiplies by gamma AT "
            "epoch step_size: the exponent is epoch // step_size.", one_epoch_early),
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
    Mistake("ignores_step_size", "your lr drops every epoch (that is ExponentialLR): StepLR drops "
            "once every step_size epochs, so the exponent is epoch // step_size, not epoch.",
            every_epoch),
    Mistake("one_drop_too_many", "you count one drop too many: epochs 0 to step_size - 1 run at "
            "base_lr itself, so the exponent is epoch // step_size, not epoch // step_size + 1.",
            drops_counted_from_one),
    Mistake("one_drop_too_few", "you count one drop too few (epochs before the first drop give "
            "base_lr / gamma): the exponent is epoch // step_size, not epoch // step_size - 1.",
            first_drop_skipped),
    Mistake("forgot_base_lr", "your answer is gamma ** (epoch // step_size), the factor alone: "
            "multiply it by base_lr.", no_base_lr),
    Mistake.ignores(step_lr, "gamma"),
)

HINTS = (
    "Count how many whole step_size blocks have passed by this epoch. Epochs 0 .. "
    "step_size - 1 are block 0 (no drop yet); the first drop happens AT epoch step_size.",
    "That count is epoch // step_size (integer division). Each drop multiplies the lr by "
    "gamma, so the drops compound.",
    "lr = base_lr * gamma ** (epoch // step_size). Check: StepLR(30, 0.1) with base 0.1 "
    "gives 0.1 at epoch 29, 0.01 at epoch 30 and 45, 0.001 at epoch 60.",
)

EXERCISE = Exercise(solution=step_lr, notebook="01_step_lr", reference=schedules.step_lr,
                    edge_cases=edge_cases, random_cases=random_cases, expected=expected,
                    mistakes=MISTAKES, hints=HINTS)
