"""Exercise `multistep_lr`: multiply the lr by gamma at each milestone (torch's MultiStepLR)."""

import bisect

from course_utils import schedules
from course_utils.exercises.base import Case, Exercise, Mistake
from course_utils.exercises.oracles import bind, call_text, multistep_expected

NAME = "multistep_lr"


def _case(epoch, base_lr, milestones, gamma=None, label="") -> Case:
    args = (epoch, base_lr, list(milestones)) + (() if gamma is None else (gamma,))
    return Case(args, base_lr, label)


def _edge_cases() -> list[Case]:
    seed = [_case(e, 0.1, [30, 60, 90], label="the seed's milestones [30, 60, 90]")
            for e in (0, 29, 30, 31, 59, 60, 61, 90, 91)]
    return [
        *seed,
        _case(89, 0.1, [30, 60, 90], label="the seed's 90 epochs end at epoch 89: two drops"),
        _case(400, 0.1, [30, 60, 90], label="far later"),
        *[_case(e, 0.02, [10, 25], 0.5, "other milestones") for e in (15, 9, 10, 24, 25, 26)],
        *[_case(e, 0.2, [30, 30, 60], 0.5, "repeated milestone: torch drops twice there")
          for e in (29, 30, 45, 60, 100)],
        *[_case(e, 1.0, [60, 20, 40], 0.5, "unsorted milestones") for e in (10, 25, 45, 65)],
        _case(12, 0.3, [5, 10], 1.0, "gamma = 1: constant"),
        _case(0, 0.05, [], 0.1, "no milestones"),
        _case(50, 0.05, [], 0.1, "no milestones"),
        *[_case(e, 0.1, [0, 10], 0.1, "milestone 0: torch drops at construction")
          for e in (0, 9, 10)],
    ]


def _random_cases(rng) -> list[Case]:
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
        cases += [_case(e, base_lr, milestones, gamma, "random") for e in sorted(epochs)]
    return cases


def _expected(cases: list[Case]) -> list[float]:
    points = []
    for case in cases:
        a = bind(schedules.multistep_lr, case)
        points.append((a["epoch"], a["base_lr"], tuple(a["milestones"]), a["gamma"]))
    return multistep_expected(points)


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


def multistep_lr(epoch, base_lr, milestones, gamma=0.1):
    """base_lr, multiplied by gamma once for every milestone already reached."""
    n_drops = sum(1 for m in milestones if m <= epoch)  # any order; repeats count twice
    return base_lr * gamma**n_drops


MISTAKES = (
    Mistake("strict_less_than", "your lr drops one epoch late: MultiStepLR multiplies by gamma "
            "AT the milestone epoch, so count milestones with m <= epoch, not m < epoch.",
            strict_less),
    Mistake("unique_milestones", "you count each milestone once; torch counts a repeated "
            "milestone twice ([30, 30, 60] multiplies by gamma² at epoch 30): don't use set().",
            unique_milestones),
    Mistake("assumes_sorted_milestones", "you stop at the first milestone > epoch, which "
            "assumes sorted milestones; torch accepts them in any order: count every "
            "milestone <= epoch.", first_milestone_after),
    Mistake("bisect_unsorted_milestones", "bisect assumes sorted milestones; torch accepts "
            "them in any order: count every milestone <= epoch (or bisect sorted(milestones)).",
            bisect_unsorted),
)

EXERCISE = Exercise(
    name=NAME,
    notebook="02_multistep_lr",
    signature="multistep_lr(epoch, base_lr, milestones, gamma=0.1) -> float",
    points=10,
    oracle="torch.optim.lr_scheduler.MultiStepLR(milestones, gamma)",
    edge_cases=_edge_cases,
    random_cases=_random_cases,
    expected=_expected,
    describe_case=lambda case: call_text(NAME, schedules.multistep_lr, case),
    reference=schedules.multistep_lr,
    solution=multistep_lr,
    mistakes=MISTAKES,
    hints=(
        "The lr only changes at the milestones, and each milestone reached multiplies it by "
        "gamma. So all you need is how many milestones have been reached by this epoch.",
        "A milestone m is reached when m <= epoch (the drop happens AT epoch m). Count them "
        "in whatever order they come; a milestone listed twice counts twice.",
        "lr = base_lr * gamma ** sum(1 for m in milestones if m <= epoch).",
    ),
)
