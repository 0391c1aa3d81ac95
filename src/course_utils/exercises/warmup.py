"""Exercise `warmup_cosine_schedule`: linear warmup, then cosine decay to min_lr."""

import math

from course_utils import schedules
from course_utils.cases import Case
from course_utils.exercises.base import Exercise, Mistake
from course_utils.exercises.oracles import bind, call_text, warmup_cosine_expected

NAME = "warmup_cosine_schedule"


def _edge_cases() -> list[Case]:
    seed = [Case((s, 500, 10000), 3e-4, "the seed's example, defaults")
            for s in (0, 100, 499, 500, 2000, 5000, 9999)]
    return [
        *seed,
        Case((10000, 500, 10000), 3e-4, "step = total_steps"),
        Case((10001, 500, 10000), 3e-4, "past total_steps"),
        Case((15000, 500, 10000), 3e-4, "far past total_steps (a periodic cosine rises here)"),
        Case((9, 10, 100, 0.1, 0.001), 0.1, "last warmup step"),
        Case((10, 10, 100, 0.1, 0.001), 0.1, "warmup boundary: step = warmup_steps"),
        Case((11, 10, 100, 0.1, 0.001), 0.1, "first decay step after the boundary"),
        Case((55, 10, 100, 0.1, 0.001), 0.1, "halfway through the decay"),
        Case((0, 0, 100, 0.1, 0.001), 0.1, "warmup_steps = 0, step 0"),
        Case((40, 0, 100, 0.1, 0.001), 0.1, "warmup_steps = 0"),
        Case((0, 50, 50, 0.1, 0.001), 0.1, "warmup_steps = total_steps, step 0"),
        Case((25, 50, 50, 0.1, 0.001), 0.1, "warmup_steps = total_steps"),
        Case((50, 50, 50, 0.1, 0.001), 0.1, "warmup_steps = total_steps, step = total_steps"),
        Case((51, 50, 50, 0.1, 0.001), 0.1, "warmup_steps = total_steps, past the end"),
        Case((0, 1, 20, 1.0, 0.1), 1.0, "warmup_steps = 1, step 0"),
        Case((1, 1, 20, 1.0, 0.1), 1.0, "warmup_steps = 1, step 1"),
    ]


def _random_cases(rng) -> list[Case]:
    cases = []
    for _ in range(3):
        total = rng.randint(20, 3000)
        warmup = rng.randint(2, total // 3)
        max_lr = 10 ** rng.uniform(-4.5, -0.5)
        min_lr = max_lr * 10 ** rng.uniform(-3, -0.5)
        steps = {0, 1, warmup - 1, warmup, warmup + 1, total - 1, total}
        steps |= {rng.randrange(warmup) for _ in range(3)}
        steps |= {rng.randrange(warmup, total) for _ in range(6)}
        steps.add(rng.randint(total + 1, 3 * total))
        args = (warmup, total, max_lr, min_lr)
        cases += [Case((s, *args), max_lr, "random") for s in sorted(steps)]
    return cases


def _expected(cases: list[Case]) -> list[float]:
    points = []
    for case in cases:
        a = bind(schedules.warmup_cosine_schedule, case)
        points.append((a["step"], a["warmup_steps"], a["total_steps"], a["max_lr"], a["min_lr"]))
    return warmup_cosine_expected(points)


def _cosine(max_lr, min_lr, progress):
    return min_lr + (max_lr - min_lr) * 0.5 * (1 + math.cos(math.pi * progress))


def _make(warmup=None, progress=None, clamp=True, floor=None):
    """A warmup + cosine schedule with one part swapped for a known wrong one."""
    warmup = warmup or (lambda step, w, hi, lo: hi * step / w)
    progress = progress or (lambda step, w, n: (step - w) / max(1, n - w))
    floor = floor or (lambda hi, lo: lo)

    def schedule(step, warmup_steps, total_steps, max_lr=3e-4, min_lr=1e-6):
        if clamp and step >= total_steps:
            return floor(max_lr, min_lr)
        if step < warmup_steps:
            return warmup(step, warmup_steps, max_lr, min_lr)
        return _cosine(max_lr, min_lr, progress(step, warmup_steps, total_steps))

    return schedule


def forgot_min_lr(step, warmup_steps, total_steps, max_lr=3e-4, min_lr=1e-6):
    if step >= total_steps:
        return min_lr
    if step < warmup_steps:
        return max_lr * step / warmup_steps
    progress = (step - warmup_steps) / max(1, total_steps - warmup_steps)
    return max_lr * 0.5 * (1 + math.cos(math.pi * progress))


def warmup_inclusive(step, warmup_steps, total_steps, max_lr=3e-4, min_lr=1e-6):
    if step >= total_steps:
        return min_lr
    if step <= warmup_steps:
        return max_lr * step / warmup_steps
    return _cosine(max_lr, min_lr, (step - warmup_steps) / max(1, total_steps - warmup_steps))


def warmup_cosine_schedule(step, warmup_steps, total_steps, max_lr=3e-4, min_lr=1e-6):
    """Linear warmup from 0 to max_lr, cosine decay to min_lr, then min_lr."""
    if step >= total_steps:
        return min_lr
    if step < warmup_steps:
        return max_lr * step / warmup_steps
    progress = (step - warmup_steps) / max(1, total_steps - warmup_steps)
    return min_lr + (max_lr - min_lr) * 0.5 * (1 + math.cos(math.pi * progress))


MISTAKES = (
    Mistake("warmup_starts_at_step_plus_one", "your warmup uses (step + 1) / warmup_steps; the "
            "contract is max_lr * step / warmup_steps (lr 0 at step 0; the notebook discusses "
            "why (step + 1) is a common fix in practice).",
            _make(warmup=lambda s, w, hi, lo: hi * (s + 1) / w)),
    Mistake("warmup_from_min_lr", "your warmup starts at min_lr; the contract's linear warmup "
            "goes from 0 to max_lr: max_lr * step / warmup_steps.",
            _make(warmup=lambda s, w, hi, lo: lo + (hi - lo) * s / w)),
    Mistake("decay_ignores_warmup", "the decay ignores the warmup offset: progress is "
            "(step - warmup_steps) / (total_steps - warmup_steps), so the cosine starts at "
            "max_lr right after warmup.", _make(progress=lambda s, w, n: s / n)),
    Mistake("decay_progress_not_offset", "the decay's progress must start at 0 when warmup ends: "
            "(step - warmup_steps) / (total_steps - warmup_steps).",
            _make(progress=lambda s, w, n: s / max(1, n - w))),
    Mistake("off_by_one_denominator", "off-by-one denominator: the decay spans "
            "total_steps - warmup_steps steps, not total_steps - warmup_steps - 1.",
            _make(progress=lambda s, w, n: (s - w) / max(1, n - w - 1))),
    Mistake("no_clamp", "past total_steps your lr rises again (the cosine is periodic): return "
            "min_lr when step >= total_steps.", _make(clamp=False)),
    Mistake("clamp_to_zero", "past total_steps you return 0; the schedule stays at min_lr.",
            _make(floor=lambda hi, lo: 0.0)),
    Mistake("forgot_min_lr", "your schedule decays to 0 instead of min_lr: the decay is "
            "min_lr + (max_lr - min_lr) * (1 + cos(π·progress)) / 2.", forgot_min_lr),
    Mistake("warmup_inclusive", "with warmup_steps = 0 you divide by zero: the warmup branch "
            "is `step < warmup_steps` (strict), so it never runs when there is no warmup.",
            warmup_inclusive),
)

EXERCISE = Exercise(
    name=NAME,
    notebook="07_warmup_cosine",
    signature="warmup_cosine_schedule(step, warmup_steps, total_steps, max_lr=3e-4, "
    "min_lr=1e-6) -> float",
    points=10,
    oracle="torch's LinearLR for the warmup and CosineAnnealingLR(T_max=total_steps - "
    "warmup_steps, eta_min=min_lr) for the decay; min_lr for step >= total_steps",
    edge_cases=_edge_cases,
    random_cases=_random_cases,
    expected=_expected,
    describe_case=lambda case: call_text(NAME, schedules.warmup_cosine_schedule, case),
    reference=schedules.warmup_cosine_schedule,
    solution=warmup_cosine_schedule,
    mistakes=MISTAKES,
    hints=(
        "Three regimes, checked in this order: step >= total_steps (done: min_lr), "
        "step < warmup_steps (warming up), otherwise decaying.",
        "Warmup is a straight line from 0: max_lr * step / warmup_steps. The decay is the "
        "cosine of notebook 04, but its progress starts when the warmup ends: "
        "(step - warmup_steps) / max(1, total_steps - warmup_steps).",
        "The max(1, ...) keeps warmup_steps = total_steps from dividing by zero, and the strict "
        "`step < warmup_steps` keeps warmup_steps = 0 from dividing by zero.",
    ),
)
