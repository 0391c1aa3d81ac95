"""Exercise `cosine_lr`: cosine decay from max_lr to min_lr, clamped at total_steps."""

import math

from course_utils import schedules
from course_utils.cases import Case
from course_utils.exercises.base import Exercise, Mistake
from course_utils.exercises.oracles import bind, call_text, cosine_expected

NAME = "cosine_lr"


def _edge_cases() -> list[Case]:
    seed_trace = [Case((s, 1000), 1e-3, "the seed's trace, defaults") for s in (0, 250, 500, 750)]
    return [
        *seed_trace,
        Case((999, 1000), 1e-3, "last step, defaults"),
        Case((1000, 1000), 1e-3, "step = total_steps"),
        Case((1001, 1000), 1e-3, "one step past total_steps"),
        Case((1500, 1000), 1e-3, "past total_steps"),
        Case((2000, 1000), 1e-3, "2 × total_steps: torch's periodic cosine is back at max_lr"),
        Case((50, 100, 0.1, 0.001), 0.1, "midpoint: (max_lr + min_lr) / 2"),
        Case((1, 100, 0.1, 0.001), 0.1, "second step"),
        Case((0, 1, 0.5, 0.05), 0.5, "total_steps = 1, step 0"),
        Case((1, 1, 0.5, 0.05), 0.5, "total_steps = 1, step 1"),
        Case((3, 4, 1.0, 0.25), 1.0, "small total_steps"),
        Case((7, 10, 0.2, 0.0), 0.2, "min_lr = 0"),
    ]


def _random_cases(rng) -> list[Case]:
    cases = []
    for _ in range(3):
        total = rng.randint(8, 3000)
        max_lr = 10 ** rng.uniform(-4, 0)
        min_lr = max_lr * 10 ** rng.uniform(-3, -0.5)
        steps = {0, total - 1, total, rng.randint(total, 3 * total)}
        steps |= {rng.randrange(total) for _ in range(8)}
        cases += [Case((s, total, max_lr, min_lr), max_lr, "random") for s in sorted(steps)]
    return cases


def _expected(cases: list[Case]) -> list[float]:
    points = []
    for case in cases:
        a = bind(schedules.cosine_lr, case)
        points.append((a["step"], a["total_steps"], a["max_lr"], a["min_lr"]))
    return cosine_expected(points)


def _decay(max_lr, min_lr, progress):
    return min_lr + (max_lr - min_lr) * 0.5 * (1 + math.cos(math.pi * progress))


def forgot_min_lr(step, total_steps, max_lr=1e-3, min_lr=1e-6):
    if step >= total_steps:
        return min_lr
    return max_lr * 0.5 * (1 + math.cos(math.pi * step / total_steps))


def min_lr_not_subtracted(step, total_steps, max_lr=1e-3, min_lr=1e-6):
    if step >= total_steps:
        return min_lr
    return min_lr + max_lr * 0.5 * (1 + math.cos(math.pi * step / total_steps))


def denominator_minus_one(step, total_steps, max_lr=1e-3, min_lr=1e-6):
    if step >= total_steps:
        return min_lr
    return _decay(max_lr, min_lr, step / max(1, total_steps - 1))


def progress_one_late(step, total_steps, max_lr=1e-3, min_lr=1e-6):
    if step >= total_steps:
        return min_lr
    return _decay(max_lr, min_lr, (step + 1) / total_steps)


def no_clamp(step, total_steps, max_lr=1e-3, min_lr=1e-6):
    return _decay(max_lr, min_lr, step / total_steps)


def clamp_to_zero(step, total_steps, max_lr=1e-3, min_lr=1e-6):
    if step >= total_steps:
        return 0.0
    return _decay(max_lr, min_lr, step / total_steps)


def rising_cosine(step, total_steps, max_lr=1e-3, min_lr=1e-6):
    if step >= total_steps:
        return min_lr
    return min_lr + (max_lr - min_lr) * 0.5 * (1 - math.cos(math.pi * step / total_steps))


def full_period(step, total_steps, max_lr=1e-3, min_lr=1e-6):
    if step >= total_steps:
        return min_lr
    return min_lr + (max_lr - min_lr) * 0.5 * (1 + math.cos(2 * math.pi * step / total_steps))


def linear_decay(step, total_steps, max_lr=1e-3, min_lr=1e-6):
    if step >= total_steps:
        return min_lr
    return max_lr - (max_lr - min_lr) * step / total_steps


def cosine_lr(step, total_steps, max_lr=1e-3, min_lr=1e-6):
    """Cosine decay from max_lr to min_lr over total_steps, then min_lr."""
    if step >= total_steps:
        return min_lr
    progress = step / total_steps
    return min_lr + (max_lr - min_lr) * 0.5 * (1 + math.cos(math.pi * progress))


MISTAKES = (
    Mistake("forgot_min_lr", "your lr decays to 0, not to min_lr: the schedule is "
            "min_lr + (max_lr - min_lr) * (1 + cos(π·progress)) / 2.", forgot_min_lr),
    Mistake("min_lr_not_subtracted", "you add min_lr but scale the cosine by max_lr: the "
            "amplitude is (max_lr - min_lr), so that step 0 gives exactly max_lr.",
            min_lr_not_subtracted),
    Mistake("off_by_one_denominator", "off-by-one denominator: progress is step / total_steps "
            "(torch's T_max), not step / (total_steps - 1).", denominator_minus_one),
    Mistake("progress_one_step_late", "your schedule is one step late: step 0 must give max_lr, "
            "so progress is step / total_steps, not (step + 1) / total_steps.", progress_one_late),
    Mistake("no_clamp", "past total_steps your lr rises again (torch's CosineAnnealingLR is "
            "periodic, back to max_lr at 2 × total_steps): clamp, return min_lr when "
            "step >= total_steps.", no_clamp),
    Mistake("clamp_to_zero", "past total_steps you return 0; the schedule stays at min_lr.",
            clamp_to_zero),
    Mistake("rising_cosine", "your cosine rises from min_lr to max_lr: annealing uses "
            "(1 + cos(π·progress)) / 2, which starts at 1.", rising_cosine),
    Mistake("full_period", "you used a full cosine period, cos(2π·progress): annealing uses "
            "half a period, cos(π·progress), so it ends at min_lr instead of climbing back.",
            full_period),
    Mistake("linear_decay", "this is a linear decay; a cosine schedule follows "
            "(1 + cos(π·progress)) / 2.", linear_decay),
)

EXERCISE = Exercise(
    name=NAME,
    notebook="04_cosine_annealing",
    signature="cosine_lr(step, total_steps, max_lr=1e-3, min_lr=1e-6) -> float",
    points=10,
    oracle="torch.optim.lr_scheduler.CosineAnnealingLR(T_max=total_steps, eta_min=min_lr), "
    "and min_lr for step >= total_steps",
    edge_cases=_edge_cases,
    random_cases=_random_cases,
    expected=_expected,
    describe_case=lambda case: call_text(NAME, schedules.cosine_lr, case),
    reference=schedules.cosine_lr,
    solution=cosine_lr,
    mistakes=MISTAKES,
    hints=(
        "Turn the step into progress p = step / total_steps, which runs from 0 to 1. "
        "At p = 0 you want max_lr, at p = 1 you want min_lr.",
        "(1 + cos(π·p)) / 2 goes smoothly from 1 (p = 0) to 0 (p = 1). Scale it to the gap "
        "between the two rates: min_lr + (max_lr - min_lr) * (1 + cos(π·p)) / 2.",
        "torch's CosineAnnealingLR keeps going past T_max and rises again. The course's "
        "cosine_lr stops: `if step >= total_steps: return min_lr` before computing p.",
    ),
)
