"""Exercise `cosine_lr`: cosine decay from max_lr to min_lr, clamped at total_steps.

Oracle: torch.optim.lr_scheduler.CosineAnnealingLR(T_max=total_steps, eta_min=min_lr) for
step < total_steps, and min_lr from total_steps on (torch's own cosine rises again there).
"""

import math

from course_utils import schedules
from course_utils.cases import Case
from course_utils.exercises.base import Exercise, Mistake
from course_utils.exercises.cosine_slips import curve_mistakes, half_cosine
from course_utils.exercises.oracles import bind, cases_of, clamp_source
from course_utils.torch_traces import cosine_trace


def edge_cases() -> list[Case]:
    def cases(label, *calls):
        return cases_of(cosine_lr, "max_lr", label, *calls)

    return [
        *cases("the seed's trace, defaults", *[(s, 1000) for s in (0, 250, 500, 750)]),
        *cases("last step, defaults", (999, 1000)),
        *cases("step = total_steps", (1000, 1000)),
        *cases("one step past total_steps", (1001, 1000)),
        *cases("past total_steps", (1500, 1000)),
        *cases("2 × total_steps: the course clamps to min_lr (torch's periodic cosine is back "
               "at max_lr)", (2000, 1000)),
        *cases("midpoint: (max_lr + min_lr) / 2", (50, 100, 0.1, 0.001)),
        *cases("second step", (1, 100, 0.1, 0.001)),
        *cases("total_steps = 1, step 0", (0, 1, 0.5, 0.05)),
        *cases("total_steps = 1, step 1", (1, 1, 0.5, 0.05)),
        *cases("small total_steps", (3, 4, 1.0, 0.25)),
        *cases("min_lr = 0", (7, 10, 0.2, 0.0)),
    ]


def random_cases(rng) -> list[Case]:
    cases = []
    for _ in range(3):
        total = rng.randint(8, 3000)
        max_lr = 10 ** rng.uniform(-4, 0)
        min_lr = max_lr * 10 ** rng.uniform(-3, -0.5)
        steps = {0, total - 1, total, rng.randint(total, 3 * total)}
        steps |= {rng.randrange(total) for _ in range(8)}
        cases += [Case((s, total, max_lr, min_lr), max_lr, "random") for s in sorted(steps)]
    return cases


def expected(cases: list[Case]) -> list[float]:
    def lr(step, total_steps, max_lr, min_lr):
        if step >= total_steps:
            return min_lr
        return cosine_trace(total_steps, max_lr, min_lr)[step]

    return [lr(**bind(cosine_lr, case)) for case in cases]


def expected_source(case: Case, mismatch) -> str:
    """torch, except past total_steps, where the course clamps (at total_steps itself torch's
    cosine is at min_lr too)."""
    step, total_steps, max_lr, min_lr = bind(cosine_lr, case).values()
    if step <= total_steps:
        return "torch"
    return clamp_source(cosine_trace(total_steps, max_lr, min_lr, step)[step])


def _variant(step, total_steps, max_lr=1e-3, min_lr=1e-6, *, progress=lambda s, n: s / n,
             clamp=True, clamp_from=lambda n: n, floor=lambda lo: lo, curve=half_cosine):
    """cosine_lr with one part swapped for a known wrong one."""
    if clamp and step >= clamp_from(total_steps):
        return floor(min_lr)
    return curve(max_lr, min_lr, progress(step, total_steps))


def cosine_lr(step, total_steps, max_lr=1e-3, min_lr=1e-6) -> float:
    """Cosine decay from max_lr to min_lr over total_steps, then min_lr."""
    if step >= total_steps:
        return min_lr
    progress = step / total_steps
    return min_lr + (max_lr - min_lr) * 0.5 * (1 + math.cos(math.pi * progress))


MISTAKES = (
    Mistake.variant("forgot_min_lr", "your lr decays to 0, not to min_lr: the schedule is min_lr + "
                    "(max_lr - min_lr) * (1 + cos(π·progress)) / 2.",
                    _variant, curve=lambda hi, lo, p: half_cosine(hi, 0.0, p)),
    Mistake.variant("min_lr_not_subtracted", "you add min_lr but scale the cosine by max_lr: the "
                    "amplitude is (max_lr - min_lr), so that step 0 gives exactly max_lr.",
                    _variant, curve=lambda hi, lo, p: lo + half_cosine(hi, 0.0, p)),
    Mistake.variant("off_by_one_denominator", "off-by-one denominator: progress is step / "
                    "total_steps (torch's T_max), not step / (total_steps - 1).",
                    _variant, progress=lambda s, n: s / max(1, n - 1)),
    Mistake.variant("denominator_plus_one", "off-by-one denominator: progress is step / "
                    "total_steps (torch's T_max), not step / (total_steps + 1), so that the "
                    "curve reaches min_lr at step total_steps.",
                    _variant, progress=lambda s, n: s / (n + 1)),
    Mistake.variant("progress_one_step_ahead", "your schedule is one step ahead: step 0 must give "
                    "max_lr, so progress is step / total_steps, not (step + 1) / total_steps.",
                    _variant, progress=lambda s, n: (s + 1) / n),
    Mistake.variant("progress_one_step_behind", "your schedule is one step behind: steps count "
                    "from 0, so progress is step / total_steps, not (step - 1) / total_steps.",
                    _variant, progress=lambda s, n: (s - 1) / n),
    Mistake.variant("integer_division", "step // total_steps is an integer division: it stays 0 "
                    "until the end, so your lr stays at max_lr. progress = step / total_steps.",
                    _variant, progress=lambda s, n: s // n),
    Mistake.variant("progress_not_normalised", "progress must run from 0 to 1: divide by "
                    "total_steps (progress = step / total_steps). cos(π·step) just flips between "
                    "max_lr and min_lr.", _variant, progress=lambda s, n: s),
    Mistake.variant("no_clamp", "past total_steps your lr rises again (torch's CosineAnnealingLR "
                    "is periodic, back to max_lr at 2 × total_steps): clamp, return min_lr when "
                    "step >= total_steps.", _variant, clamp=False),
    Mistake.variant("clamp_one_step_early", "you return min_lr from step total_steps - 1 on; the "
                    "last step of the decay, total_steps - 1, still follows the cosine (just above "
                    "min_lr): clamp when step >= total_steps.",
                    _variant, clamp_from=lambda n: n - 1),
    Mistake.variant("clamp_to_zero", "past total_steps you return 0; the schedule stays at min_lr.",
                    _variant, floor=lambda lo: 0.0),
    *curve_mistakes(_variant, "max_lr", "min_lr", "progress"),
    Mistake.variant("linear_decay", "this is a linear decay; a cosine schedule follows (1 + "
                    "cos(π·progress)) / 2.", _variant, curve=lambda hi, lo, p: hi - (hi - lo) * p),
    Mistake.ignores(cosine_lr, "max_lr"),
    Mistake.ignores(cosine_lr, "min_lr"),
)

HINTS = (
    "Turn the step into progress p = step / total_steps, which runs from 0 to 1. "
    "At p = 0 you want max_lr, at p = 1 you want min_lr.",
    "(1 + cos(π·p)) / 2 goes smoothly from 1 (p = 0) to 0 (p = 1). Scale it to the gap "
    "between the two rates: min_lr + (max_lr - min_lr) * (1 + cos(π·p)) / 2.",
    "torch's CosineAnnealingLR keeps going past T_max and rises again. The course's "
    "cosine_lr stops: `if step >= total_steps: return min_lr` before computing p.",
)

EXERCISE = Exercise(solution=cosine_lr, notebook="04_cosine_annealing",
                    reference=schedules.cosine_lr, edge_cases=edge_cases, random_cases=random_cases,
                    expected=expected, mistakes=MISTAKES, hints=HINTS,
                    expected_source=expected_source)
