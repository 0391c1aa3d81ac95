"""Exercise `warmup_cosine_schedule`: linear warmup, then cosine decay to min_lr.

Oracle: torch's LinearLR for the warmup and CosineAnnealingLR(T_max=total_steps -
warmup_steps, eta_min=min_lr) for the decay, each where it applies; min_lr for
step >= total_steps, and 0 at step 0 of a warmup.
"""

import math

from course_utils import schedules
from course_utils.cases import Case
from course_utils.exercises.base import Exercise, Mistake
from course_utils.exercises.cosine_slips import curve_mistakes, half_cosine
from course_utils.exercises.oracles import WARMUP_START, bind, cases_of, clamp_source
from course_utils.torch_traces import cosine_trace, linear_trace


def edge_cases() -> list[Case]:
    def cases(label, *calls):
        return cases_of(warmup_cosine_schedule, "max_lr", label, *calls)

    return [
        *cases("the seed's example, defaults",
               *[(s, 500, 10000) for s in (0, 100, 499, 500, 2000, 5000, 9999)]),
        *cases("step = total_steps", (10000, 500, 10000)),
        *cases("past total_steps", (10001, 500, 10000)),
        *cases("far past total_steps: the course clamps to min_lr (a periodic cosine rises here)",
               (15000, 500, 10000)),
        *cases("last warmup step", (9, 10, 100, 0.1, 0.001)),
        *cases("warmup boundary: step = warmup_steps", (10, 10, 100, 0.1, 0.001)),
        *cases("first decay step after the boundary", (11, 10, 100, 0.1, 0.001)),
        *cases("halfway through the decay", (55, 10, 100, 0.1, 0.001)),
        *cases("warmup_steps = 0, step 0", (0, 0, 100, 0.1, 0.001)),
        *cases("warmup_steps = 0", (40, 0, 100, 0.1, 0.001)),
        *cases("warmup_steps = total_steps, step 0", (0, 50, 50, 0.1, 0.001)),
        *cases("warmup_steps = total_steps", (25, 50, 50, 0.1, 0.001)),
        *cases("warmup_steps = total_steps, step = total_steps", (50, 50, 50, 0.1, 0.001)),
        *cases("warmup_steps = total_steps, past the end", (51, 50, 50, 0.1, 0.001)),
        *cases("warmup_steps = 1, step 0", (0, 1, 20, 1.0, 0.1)),
        *cases("warmup_steps = 1, step 1", (1, 1, 20, 1.0, 0.1)),
    ]


def random_cases(rng) -> list[Case]:
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


def expected(cases: list[Case]) -> list[float]:
    def lr(step, warmup_steps, total_steps, max_lr, min_lr):
        if step >= total_steps:
            return min_lr
        if step == 0 < warmup_steps:
            return 0.0
        if step < warmup_steps:  # LinearLR from max_lr / W: its lr at t - 1 is max_lr * t / W
            warmup = linear_trace(max_lr, 1 / warmup_steps, 1.0, warmup_steps - 1)
            return warmup[step - 1]
        decay_steps = max(1, total_steps - warmup_steps)
        return cosine_trace(decay_steps, max_lr, min_lr)[step - warmup_steps]

    return [lr(**bind(warmup_cosine_schedule, case)) for case in cases]


def source_at(step, warmup_steps, total_steps, max_lr, min_lr) -> str:
    """Where the expected lr at `step` comes from: torch, or the course's own rule."""
    if step > total_steps or step == total_steps == warmup_steps:
        decay_steps = max(1, total_steps - warmup_steps)
        t = step - warmup_steps
        return clamp_source(cosine_trace(decay_steps, max_lr, min_lr, t)[t])
    if step == 0 < warmup_steps:
        return WARMUP_START
    return "torch"


def expected_source(case: Case, mismatch) -> str:
    return source_at(*bind(warmup_cosine_schedule, case).values())


def variant(step, warmup_steps, total_steps, max_lr=3e-4, min_lr=1e-6, *,
             in_warmup=lambda s, w: s < w, warmup=lambda s, w, hi, lo: hi * s / w,
             progress=lambda s, w, n: (s - w) / max(1, n - w), curve=half_cosine, clamp=True,
             clamp_from=lambda n: n, floor=lambda hi, lo: lo):
    """warmup_cosine_schedule with one part swapped for a known wrong one (the scheduler
    exercise makes the same mistakes in its LambdaLR factor)."""
    if clamp and step >= clamp_from(total_steps):
        return floor(max_lr, min_lr)
    if in_warmup(step, warmup_steps):
        return warmup(step, warmup_steps, max_lr, min_lr)
    return curve(max_lr, min_lr, progress(step, warmup_steps, total_steps))


def warmup_cosine_schedule(step, warmup_steps, total_steps, max_lr=3e-4, min_lr=1e-6) -> float:
    """Linear warmup from 0 to max_lr, cosine decay to min_lr, then min_lr."""
    if step >= total_steps:
        return min_lr
    if step < warmup_steps:
        return max_lr * step / warmup_steps
    progress = (step - warmup_steps) / max(1, total_steps - warmup_steps)
    return min_lr + (max_lr - min_lr) * 0.5 * (1 + math.cos(math.pi * progress))


def _warmup(template: str, key: str, warmup) -> Mistake:
    return Mistake.variant(key, template, variant, warmup=warmup)


def _decay(key: str, message: str, progress) -> Mistake:
    return Mistake.variant(key, message, variant, progress=progress)


MISTAKES = (
    _warmup("your warmup uses (step + 1) / warmup_steps, so it peaks one step early; the contract "
            "is max_lr * step / warmup_steps (lr 0 at step 0, as in transformers; notebook 07 "
            "§7.4 discusses the trade-off and the (step + 1) variant).",
            "warmup_starts_at_step_plus_one", lambda s, w, hi, lo: hi * (s + 1) / w),
    _warmup("your warmup divides by warmup_steps - 1, so it reaches max_lr one step early; the "
            "contract is max_lr * step / warmup_steps, which reaches max_lr at step "
            "warmup_steps, where the decay starts.",
            "warmup_peaks_one_step_early", lambda s, w, hi, lo: hi * s / (w - 1)),
    _warmup("your warmup divides by warmup_steps + 1, so it never quite reaches max_lr; the "
            "contract is max_lr * step / warmup_steps.",
            "warmup_denominator_plus_one", lambda s, w, hi, lo: hi * s / (w + 1)),
    _warmup("your warmup is one step behind (negative at step 0): steps count from 0, so the "
            "warmup is max_lr * step / warmup_steps, not max_lr * (step - 1) / warmup_steps.",
            "warmup_one_step_behind", lambda s, w, hi, lo: hi * (s - 1) / w),
    _warmup("step // warmup_steps is an integer division: it stays 0 until the warmup ends, so "
            "there is no warmup ramp. Use /: max_lr * step / warmup_steps.",
            "warmup_integer_division", lambda s, w, hi, lo: hi * (s // w)),
    _warmup("your warmup does not divide by warmup_steps: max_lr * step overshoots max_lr "
            "from step 2 on. The warmup is max_lr * step / warmup_steps.",
            "warmup_not_divided", lambda s, w, hi, lo: hi * s),
    _warmup("your warmup starts at min_lr; the contract's linear warmup goes from 0 to max_lr: "
            "max_lr * step / warmup_steps.",
            "warmup_from_min_lr", lambda s, w, hi, lo: lo + (hi - lo) * s / w),
    Mistake.variant("warmup_inclusive", "with warmup_steps = 0 you divide by zero: the warmup "
                    "branch is `step < warmup_steps` (strict), so it never runs when there is no "
                    "warmup.", variant, in_warmup=lambda s, w: s <= w),
    Mistake.variant("warmup_ends_one_step_early", "your warmup ends one step early: step "
                    "warmup_steps - 1 is still warmup (max_lr * (warmup_steps - 1) / "
                    "warmup_steps), so the test is step < warmup_steps.",
                    variant, in_warmup=lambda s, w: s < w - 1),
    Mistake.variant("no_warmup", "there is no warmup: your cosine runs from step 0, with a "
                    "negative progress that cos mirrors. For step < warmup_steps return max_lr * "
                    "step / warmup_steps.", variant, in_warmup=lambda s, w: False),
    _decay("decay_ignores_warmup", "the decay ignores the warmup offset: progress is "
           "(step - warmup_steps) / (total_steps - warmup_steps), so the cosine starts at "
           "max_lr right after warmup.", lambda s, w, n: s / n),
    _decay("decay_progress_not_offset", "the decay's progress must start at 0 when warmup ends: "
           "(step - warmup_steps) / (total_steps - warmup_steps).",
           lambda s, w, n: s / max(1, n - w)),
    _decay("decay_spans_total_steps", "the decay lasts total_steps - warmup_steps steps, so "
           "progress is (step - warmup_steps) / (total_steps - warmup_steps), not "
           "(step - warmup_steps) / total_steps.", lambda s, w, n: (s - w) / n),
    _decay("decay_not_normalised", "the decay's progress must run from 0 to 1: divide (step - "
           "warmup_steps) by (total_steps - warmup_steps).", lambda s, w, n: s - w),
    _decay("decay_integer_division", "// is an integer division: your progress stays 0 until "
           "the end, so the lr stays at max_lr. Use / for progress.",
           lambda s, w, n: (s - w) // max(1, n - w)),
    _decay("decay_one_step_ahead", "your decay is one step ahead: at step warmup_steps the "
           "progress is 0 (lr = max_lr), so it is (step - warmup_steps) / (total_steps - "
           "warmup_steps), not (step - warmup_steps + 1) / ….",
           lambda s, w, n: (s - w + 1) / max(1, n - w)),
    _decay("decay_one_step_behind", "your decay is one step behind: at step warmup_steps the "
           "progress is 0 (lr = max_lr), so it is (step - warmup_steps) / (total_steps - "
           "warmup_steps), not (step - warmup_steps - 1) / ….",
           lambda s, w, n: (s - w - 1) / max(1, n - w)),
    _decay("off_by_one_denominator", "off-by-one denominator: the decay spans total_steps "
           "- warmup_steps steps, not total_steps - warmup_steps - 1.",
           lambda s, w, n: (s - w) / max(1, n - w - 1)),
    _decay("decay_denominator_plus_one", "off-by-one denominator: the decay spans total_steps "
           "- warmup_steps steps, not total_steps - warmup_steps + 1, so that it reaches min_lr "
           "at total_steps.", lambda s, w, n: (s - w) / max(1, n - w + 1)),
    Mistake.variant("no_clamp", "past total_steps your lr rises again (the cosine is periodic): "
                    "return min_lr when step >= total_steps.", variant, clamp=False),
    Mistake.variant("clamp_strict", "you clamp only past total_steps; at step = total_steps "
                    "with warmup_steps = total_steps your code falls through to the decay and "
                    "gives max_lr. Return min_lr when step >= total_steps.",
                    variant, clamp_from=lambda n: n + 1),
    Mistake.variant("clamp_one_step_early", "you return min_lr from step total_steps - 1 on; that "
                    "last step still follows the schedule: clamp when step >= total_steps.",
                    variant, clamp_from=lambda n: n - 1),
    Mistake.variant("clamp_to_zero", "past total_steps you return 0; the schedule stays at min_lr.",
                    variant, floor=lambda hi, lo: 0.0),
    Mistake.variant("forgot_min_lr", "your schedule decays to 0 instead of min_lr: the decay is "
                    "min_lr + (max_lr - min_lr) * (1 + cos(π·progress)) / 2.",
                    variant, curve=lambda hi, lo, p: half_cosine(hi, 0.0, p)),
    Mistake.variant("min_lr_not_subtracted", "you add min_lr but scale the cosine by max_lr: the "
                    "amplitude is (max_lr - min_lr), so that the decay starts at exactly max_lr.",
                    variant, curve=lambda hi, lo, p: lo + half_cosine(hi, 0.0, p)),
    *curve_mistakes(variant, "max_lr", "min_lr", "progress"),
    Mistake.ignores(warmup_cosine_schedule, "max_lr"),
    Mistake.ignores(warmup_cosine_schedule, "min_lr"),
)

HINTS = (
    "Three regimes, checked in this order: step >= total_steps (done: min_lr), "
    "step < warmup_steps (warming up), otherwise decaying.",
    "Warmup is a straight line from 0: max_lr * step / warmup_steps. The decay is the "
    "cosine of notebook 04, but its progress starts when the warmup ends: "
    "(step - warmup_steps) / max(1, total_steps - warmup_steps).",
    "Checking step >= total_steps first means the decay never runs when warmup_steps = "
    "total_steps (where total_steps - warmup_steps is 0; max(1, ...) is a safety net), and the "
    "strict `step < warmup_steps` keeps warmup_steps = 0 from dividing by zero.",
)

EXERCISE = Exercise(solution=warmup_cosine_schedule, notebook="07_warmup_cosine",
                    reference=schedules.warmup_cosine_schedule, edge_cases=edge_cases,
                    random_cases=random_cases, expected=expected, mistakes=MISTAKES, hints=HINTS,
                    expected_source=expected_source)
