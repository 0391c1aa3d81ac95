"""Exercise `multistep_lr`: multiply the lr by gamma at each milestone.

Oracle: torch.optim.lr_scheduler.MultiStepLR(milestones, gamma).
"""

import bisect

from course_utils import schedules
from course_utils.cases import Case
from course_utils.exercises.base import Exercise, Mistake
from course_utils.exercises.oracles import cases_of, lr_at
from course_utils.torch_traces import multistep_trace


def edge_cases() -> list[Case]:
    def cases(label, milestones, epochs, base_lr=0.1, *gamma):
        calls = [(e, base_lr, list(milestones), *gamma) for e in epochs]
        return cases_of(multistep_lr, "base_lr", label, *calls)

    seed = [30, 60, 90]
    return [
        *cases("the seed's milestones [30, 60, 90]", seed, (0, 29, 30, 31, 59, 60, 61, 90, 91)),
        *cases("the seed's 90 epochs end at epoch 89: two drops", seed, (89,)),
        *cases("far later", seed, (400,)),
        *cases("other milestones", [10, 25], (15, 9, 10, 24, 25, 26), 0.02, 0.5),
        *cases("repeated milestone: torch drops twice there", [30, 30, 60],
               (29, 30, 45, 60, 100), 0.2, 0.5),
        *cases("unsorted milestones", [60, 20, 40], (10, 25, 45, 65), 1.0, 0.5),
        *cases("gamma = 1: constant", [5, 10], (12,), 0.3, 1.0),
        *cases("no milestones", [], (0, 50), 0.05, 0.1),
        *cases("milestone 0: torch drops at construction", [0, 10], (0, 9, 10), 0.1, 0.1),
    ]


def random_cases(rng) -> list[Case]:
    cases = []
    for _ in range(3):
        milestones = [rng.randint(1, 150) for _ in range(rng.randint(1, 4))]
        if rng.random() < 0.5:
            milestones.append(rng.choice(milestones))  # a repeat counts twice
        if rng.random() < 0.5:
            rng.shuffle(milestones)
        base_lr = 10 ** rng.uniform(-4, 0)
        gamma = rng.choice([0.1, 0.5, round(rng.uniform(0.2, 0.95), 3)])
        epochs = {0, max(milestones) + rng.randint(1, 100)}
        epochs |= {m + d for m in milestones for d in (-1, 0, 1) if m + d >= 0}
        epochs |= {rng.randrange(200) for _ in range(4)}
        cases += [Case((e, base_lr, list(milestones), gamma), base_lr, "random")
                  for e in sorted(epochs)]
    return cases


def expected(cases: list[Case]) -> list[float]:
    return lr_at(cases, multistep_lr, multistep_trace, at="epoch")


def strict_less(epoch, base_lr, milestones, gamma=0.1):
    return base_lr * gamma ** sum(1 for m in milestones if m < epoch)


def unique_milestones(epoch, base_lr, milestones, gamma=0.1):
    return base_lr * gamma ** len([m for m in set(milestones) if m <= epoch])


def first_milestone_after(epoch, base_lr, milestones, gamma=0.1):
    for i, m in enumerate(milestones):
        if m > epoch:
            return base_lr * gamma**i
    return base_lr * gamma ** len(milestones)


def bisect_unsorted(epoch, base_lr, milestones, gamma=0.1):
    return base_lr * gamma ** bisect.bisect_right(milestones, epoch)


def one_epoch_early(epoch, base_lr, milestones, gamma=0.1):
    return base_lr * gamma ** sum(1 for m in milestones if m <= epoch + 1)


def gamma_times_drops(epoch, base_lr, milestones, gamma=0.1):
    return base_lr * gamma * sum(1 for m in milestones if m <= epoch)


def drops_counted_from_one(epoch, base_lr, milestones, gamma=0.1):
    return base_lr * gamma ** (sum(1 for m in milestones if m <= epoch) + 1)


def first_drop_skipped(epoch, base_lr, milestones, gamma=0.1):
    return base_lr * gamma ** (sum(1 for m in milestones if m <= epoch) - 1)


def no_base_lr(epoch, base_lr, milestones, gamma=0.1):
    return gamma ** sum(1 for m in milestones if m <= epoch)


def multistep_lr(epoch, base_lr, milestones, gamma=0.1) -> float:
    """base_lr, multiplied by gamma once for every milestone already reached."""
    n_drops = sum(1 for m in milestones if m <= epoch)  # any order; repeats count twice
    return base_lr * gamma**n_drops


MISTAKES = (
    Mistake("strict_less_than", "your lr drops one epoch late: MultiStepLR multiplies by gamma "
            "AT the milestone epoch, so count milestones with m <= epoch, not m < epoch.",
            strict_less),
    Mistake("drops_one_epoch_early", "your lr drops one epoch early: MultiStepLR multiplies by "
            "gamma AT the milestone epoch, so count milestones with m <= epoch, not m <= epoch + "
            "1.", one_epoch_early),
    Mistake("unique_milestones", "you count each milestone once; torch counts a repeated "
            "milestone twice ([30, 30, 60] multiplies by gamma² at epoch 30): don't use set().",
            unique_milestones),
    Mistake("assumes_sorted_milestones", "you stop at the first milestone > epoch, which "
            "assumes sorted milestones; torch accepts them in any order: count every "
            "milestone <= epoch.", first_milestone_after),
    Mistake("bisect_unsorted_milestones", "bisect assumes sorted milestones; torch accepts "
            "them in any order: count every milestone <= epoch (or bisect sorted(milestones)).",
            bisect_unsorted),
    Mistake("gamma_times_drops", "you multiply by gamma * (number of milestones reached): the "
            "drops compound, so gamma is raised to a power: base_lr * gamma ** n_reached.",
            gamma_times_drops),
    Mistake("one_drop_too_many", "you count one drop too many: before the first milestone the "
            "lr is base_lr itself, so the exponent is the number of milestones <= epoch, not one "
            "more.", drops_counted_from_one),
    Mistake("one_drop_too_few", "you count one drop too few (before the first milestone you "
            "give base_lr / gamma): the exponent is the number of milestones <= epoch.",
            first_drop_skipped),
    Mistake("forgot_base_lr", "your answer is gamma ** n_reached, the factor alone: multiply it "
            "by base_lr.", no_base_lr),
    Mistake.ignores(multistep_lr, "gamma"),
)

HINTS = (
    "The lr only changes at the milestones, and each milestone reached multiplies it by "
    "gamma. So all you need is how many milestones have been reached by this epoch.",
    "A milestone m is reached when m <= epoch (the drop happens AT epoch m). Count them "
    "in whatever order they come; a milestone listed twice counts twice.",
    "lr = base_lr * gamma ** sum(1 for m in milestones if m <= epoch).",
)

EXERCISE = Exercise(solution=multistep_lr, notebook="02_multistep_lr",
                    reference=schedules.multistep_lr, edge_cases=edge_cases,
                    random_cases=random_cases, expected=expected, mistakes=MISTAKES, hints=HINTS)
