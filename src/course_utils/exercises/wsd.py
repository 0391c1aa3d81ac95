"""Exercise `wsd_lr`: warmup-stable-decay (MiniCPM), with a linear, cosine or 1 − sqrt decay.

Oracle: transformers' get_wsd_schedule(num_warmup_steps=warmup_steps, num_decay_steps=
decay_steps, num_training_steps=total_steps, decay_type=decay_type, min_lr_ratio=min_lr /
max_lr) on the base lr max_lr (its warmup starts at min_lr; after total_steps it stays there).
"""

import math

from course_utils import schedules
from course_utils.cases import Case
from course_utils.exercises.base import Exercise, Mistake
from course_utils.exercises.oracles import cases_of, lr_at
from course_utils.exercises.wsd_slips import PARTS, wsd_slips
from course_utils.hf_traces import wsd_trace

DECAY_TYPES = ("linear", "cosine", "1-sqrt")


def edge_cases() -> list[Case]:
    def cases(label, steps, *args, **kwargs):
        found = cases_of(wsd_lr, "max_lr", label, *[(s, *args) for s in steps])
        return [Case(c.args, c.scale, c.label, kwargs=kwargs) for c in found]

    run = (1000, 100, 200, 0.1, 0.01)  # warmup 0-99, stable 100-799, decay 800-999
    phases = (0, 1, 50, 99, 100, 500, 799, 800, 801, 900, 999, 1000, 1500)
    return [
        *cases("linear decay, floor 0.01: every phase and its edges", phases, *run),
        *cases("cosine decay", (800, 850, 900, 999, 1000), *run, decay_type="cosine"),
        *cases("1-sqrt decay (Hägele et al.)", (800, 801, 850, 900, 999, 1000), *run,
               decay_type="1-sqrt"),
        *cases("min_lr = 0 (the default)", (0, 10, 950, 999, 1000, 1200), 1000, 100, 100, 0.5),
        *cases("no warmup", (0, 1, 50), 60, 0, 20, 0.3, 0.03),
        *cases("no stable phase: decay right after warmup", (9, 10, 11, 29, 30), 30, 10, 20,
               1.0, 0.1),
        *cases("decay_steps = 1", (18, 19, 20, 21), 20, 5, 1, 0.2, 0.02),
    ]


def random_cases(rng) -> list[Case]:
    cases = []
    for decay_type in DECAY_TYPES:
        total = rng.randint(30, 3000)
        warmup = rng.randint(0, total // 4)
        decay = rng.randint(1, total // 3)
        max_lr = 10 ** rng.uniform(-4.5, -0.5)
        min_lr = rng.choice([0.0, max_lr * 10 ** rng.uniform(-2, -0.5)])
        start = total - decay
        steps = {0, warmup, start - 1, start, start + 1, total - 1, total, total + 7}
        steps |= {rng.randrange(total) for _ in range(5)}
        steps |= {rng.randrange(start, total) for _ in range(4)}
        cases += [Case((s, total, warmup, decay, max_lr, min_lr), max_lr, "random",
                       kwargs={"decay_type": decay_type}) for s in sorted(steps)]
    return cases


def expected(cases: list[Case]) -> list[float]:
    return lr_at(cases, wsd_lr, wsd_trace, "step")


def wsd_lr(step, total_steps, warmup_steps, decay_steps, max_lr, min_lr=0.0,
           decay_type="linear") -> float:
    """Warmup from min_lr, stay at max_lr, decay to min_lr over the last decay_steps steps."""
    decay_start = total_steps - decay_steps
    if step < warmup_steps:  # linear warmup from min_lr to max_lr
        return min_lr + (max_lr - min_lr) * step / warmup_steps
    if step < decay_start:  # stable
        return max_lr
    if step >= total_steps:  # done: stay at the floor
        return min_lr
    progress = (step - decay_start) / decay_steps
    if decay_type == "linear":
        shape = 1 - progress
    elif decay_type == "cosine":
        shape = 0.5 * (1 + math.cos(math.pi * progress))
    elif decay_type == "1-sqrt":
        shape = 1 - math.sqrt(progress)
    else:
        raise ValueError(f"unknown decay_type {decay_type!r}")
    return min_lr + (max_lr - min_lr) * shape


def _shape(kind, progress):
    """The decay's shape, computed for `kind` only (sqrt of a negative progress raises)."""
    if kind == "linear":
        return 1 - progress
    if kind == "cosine":
        return 0.5 * (1 + math.cos(math.pi * progress))
    return 1 - math.sqrt(progress)


def _variant(step, total_steps, warmup_steps, decay_steps, max_lr, min_lr=0.0,
             decay_type="linear", *, warmup_from=lambda lo: lo, floor=lambda lo: lo,
             shape=_shape, length=lambda d: d, clamp=True, combine=None, **parts):
    """wsd_lr with one part swapped for a known wrong one: the keywords above, or `parts`
    (wsd_slips.PARTS: where each phase starts and ends, the warmup line, the progress, the
    cosine curve)."""
    part = {**PARTS, **parts}
    start = part["start"](total_steps, decay_steps)
    low = floor(min_lr)
    if part["warmup"] and step < part["warmup_until"](warmup_steps):
        begin = warmup_from(min_lr)
        return part["warmup_line"](step, warmup_steps, max_lr, begin)
    if part["stable"] and step < part["stable_until"](start):
        return max_lr
    if clamp and step >= part["clamp_from"](total_steps):
        return low
    progress = part["progress"](step, start, max(1, length(decay_steps)))
    if part["curve"] is not None and decay_type == "cosine":
        return part["curve"](max_lr, low, progress)
    if combine is not None:
        return combine(max_lr, low, shape(decay_type, progress))
    return low + (max_lr - low) * shape(decay_type, progress)


def _sqrt_the_wrong_way(kind, progress):
    return math.sqrt(1 - progress) if kind == "1-sqrt" else _shape(kind, progress)


def _full_cosine_wave(kind, progress):
    return 0.5 * (1 + math.cos(2 * math.pi * progress)) if kind == "cosine" else _shape(kind,
                                                                                        progress)


MISTAKES = (
    Mistake.variant("warmup_from_zero", "the warmup starts at min_lr, not 0 (transformers' WSD "
                    "goes from min_lr_ratio·max_lr to max_lr): min_lr + (max_lr - min_lr) · step "
                    "/ warmup_steps.", _variant, warmup_from=lambda lo: 0.0),
    Mistake.variant("decays_to_zero", "your decay ends at 0; it ends at min_lr and stays there: "
                    "min_lr + (max_lr - min_lr) · shape(progress).", _variant,
                    floor=lambda lo: 0.0),
    Mistake.variant("sqrt_of_remaining", "the 1 − sqrt cooldown is 1 − sqrt(progress) (it drops "
                    "fast at first, slowly near the end), not sqrt(1 − progress).", _variant,
                    shape=_sqrt_the_wrong_way),
    Mistake.variant("full_cosine_wave", "the cosine decay is half a wave: (1 + cos(π·progress)) / "
                    "2; with 2π it climbs back to max_lr by the end.", _variant,
                    shape=_full_cosine_wave),
    Mistake.variant("decay_one_step_short", "off by one: the decay spans decay_steps steps, so "
                    "progress = (step - (total_steps - decay_steps)) / decay_steps reaches 1 at "
                    "total_steps, not one step earlier.", _variant,
                    length=lambda d: d - 1),
    Mistake.variant("no_floor_after_end", "past total_steps the lr stays at min_lr; yours keeps "
                    "following the decay formula.", _variant, clamp=False),
    Mistake.variant("floor_added", "the floor is interpolated, not added: min_lr + (max_lr - "
                    "min_lr) · shape, which starts the decay at max_lr exactly.", _variant,
                    combine=lambda hi, lo, f: lo + hi * f),
    *wsd_slips(_variant, _shape),
    Mistake.ignores(wsd_lr, "decay_type", "Pick the shape by decay_type: 'linear', 'cosine' or "
                    "'1-sqrt'."),
)

HINTS = (
    "Four regimes by step: warmup (step < warmup_steps), stable (until total_steps - "
    "decay_steps), decay (until total_steps), done (min_lr from total_steps on).",
    "Warmup and decay both interpolate between min_lr and max_lr: min_lr + (max_lr - min_lr) · "
    "shape. Warmup's shape is step / warmup_steps; the decay's progress is (step - decay_start) "
    "/ decay_steps.",
    "Decay shapes at progress p: linear 1 - p, cosine (1 + cos(πp)) / 2, 1-sqrt 1 - sqrt(p).",
)

EXERCISE = Exercise(solution=wsd_lr, notebook="12_transformer_and_llm_schedules",
                    reference=schedules.wsd_lr, edge_cases=edge_cases,
                    random_cases=random_cases, expected=expected, mistakes=MISTAKES, hints=HINTS,
                    oracle="transformers")
