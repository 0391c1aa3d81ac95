"""Exercise `sequential_warmup_cosine_lr`: predict what torch's SequentialLR does with a LinearLR
warmup and a CosineAnnealingLR decay, whatever the milestone.

Oracle: SequentialLR([LinearLR(start_factor, 1.0, total_iters=warmup_steps),
CosineAnnealingLR(T_max, eta_min)], milestones=[milestone]) itself, run on a real optimizer
(torch_traces_part2.sequential_warmup_cosine_trace): the lr after `step` steps.
"""

import math

from course_utils import schedules
from course_utils.cases import Case
from course_utils.exercises.base import Exercise, Mistake
from course_utils.exercises.cosine_slips import curve_mistakes, half_cosine
from course_utils.exercises.oracles import cases_of, lr_at
from course_utils.torch_traces_part2 import sequential_warmup_cosine_trace


def edge_cases() -> list[Case]:
    def cases(label, *calls):
        return cases_of(sequential_warmup_cosine_lr, "base_lr", label, *calls)

    standard = (0.1, 10, 10, 90, 0.01, 1e-4)  # warmup 10 steps, milestone at its end
    cut_short = (0.1, 50, 20, 100, 0.1, 0.0)  # milestone before the warmup ends
    late = (0.2, 10, 40, 100, 0.25, 0.0)  # milestone after the warmup ends
    return [
        *cases("the reference trace (base 1.0, LinearLR 0.1 → 1 over 3 steps, T_max = 5)",
               *[(t, 1.0, 3, 3, 5) for t in range(10)]),
        *cases("step 0: start_factor · base_lr", (0, *standard)),
        *cases("last step before the milestone", (9, *standard)),
        *cases("at the milestone: the cosine's own step 0", (10, *standard)),
        *cases("one step after the milestone", (11, *standard)),
        *cases("halfway through the cosine", (55, *standard)),
        *cases("milestone + T_max: eta_min", (100, *standard)),
        *cases("past milestone + T_max: torch's cosine rises again", (150, *standard)),
        *cases("milestone before the warmup ends: last warmup step", (19, *cut_short)),
        *cases("milestone before the warmup ends: the cosine from base_lr", (20, *cut_short)),
        *cases("milestone before the warmup ends: the cosine's step 5", (25, *cut_short)),
        *cases("milestone after the warmup ends: LinearLR stays at base_lr", (25, *late)),
        *cases("milestone after the warmup ends: step before the milestone", (39, *late)),
        *cases("milestone after the warmup ends: the cosine's step 1", (41, *late)),
        *cases("milestone = 0: the cosine from step 0", (0, 0.05, 8, 0, 60, 0.1, 1e-3),
               (7, 0.05, 8, 0, 60, 0.1, 1e-3)),
        *cases("warmup_steps = 1, start_factor = 1 (no warmup at all)", (0, 0.3, 1, 1, 7, 1.0),
               (1, 0.3, 1, 1, 7, 1.0), (4, 0.3, 1, 1, 7, 1.0)),
        *cases("T_max = 1: the cosine alternates base_lr, eta_min", (5, 0.5, 4, 5, 1, 0.5, 0.05),
               (6, 0.5, 4, 5, 1, 0.5, 0.05), (7, 0.5, 4, 5, 1, 0.5, 0.05)),
    ]


def random_cases(rng) -> list[Case]:
    cases = []
    for kind in rng.sample(["at the end", "cut short", "late"], 3):
        base_lr = 10 ** rng.uniform(-4, 0)
        warmup_steps = rng.randint(2, 60)
        milestone = {"at the end": warmup_steps, "cut short": rng.randint(1, warmup_steps - 1),
                     "late": rng.randint(warmup_steps + 1, 3 * warmup_steps)}[kind]
        T_max = rng.randint(5, 400)
        start_factor = round(rng.uniform(0.01, 0.9), 3)
        eta_min = rng.choice([0.0, base_lr * 10 ** rng.uniform(-3, -1)])
        end = milestone + T_max
        steps = {0, milestone - 1, milestone, milestone + 1, warmup_steps - 1, warmup_steps, end,
                 rng.randrange(milestone), rng.randint(end + 1, end + T_max)}
        steps |= {rng.randint(milestone, end) for _ in range(4)}
        args = (base_lr, warmup_steps, milestone, T_max, start_factor, eta_min)
        cases += [Case((s, *args), base_lr, "random") for s in sorted(steps)]
    return cases


def expected(cases: list[Case]) -> list[float]:
    return lr_at(cases, sequential_warmup_cosine_lr, sequential_warmup_cosine_trace, "step")


def _warmup(step, base_lr, warmup_steps, start_factor, clamp=True):
    """LinearLR from start_factor · base_lr to base_lr over warmup_steps."""
    done = min(step, warmup_steps) if clamp else step
    return base_lr * (start_factor + (1 - start_factor) * done / warmup_steps)


def _cosine(t, peak, T_max, eta_min):
    """torch's cosine from peak to eta_min at the child's own step t (periodic, not clamped)."""
    return eta_min + (peak - eta_min) * (1 + math.cos(math.pi * t / T_max)) / 2


def _variant(step, base_lr, warmup_steps, milestone, T_max, start_factor=0.1, eta_min=0.0, *,
             switch=lambda s, m: s < m, clock=lambda s, m: s - m,
             warmup=_warmup, peak=lambda b, w, m, sf: b, progress=lambda t, n: t / n,
             curve=half_cosine, clamp=False):
    """sequential_warmup_cosine_lr with one part swapped for a known wrong one."""
    if switch(step, milestone):
        return warmup(step, base_lr, warmup_steps, start_factor)
    top, t = peak(base_lr, warmup_steps, milestone, start_factor), clock(step, milestone)
    if clamp and t >= T_max:
        return eta_min
    return curve(top, eta_min, progress(t, T_max))


def chained_product(step, base_lr, warmup_steps, milestone, T_max, start_factor=0.1,
                    eta_min=0.0):
    """ChainedScheduler's answer: both children at every step, their factors multiplied."""
    factor = _warmup(step, 1.0, warmup_steps, start_factor)
    return _cosine(step, base_lr * factor, T_max, eta_min * factor)


def sequential_warmup_cosine_lr(step, base_lr, warmup_steps, milestone, T_max, start_factor=0.1,
                                eta_min=0.0) -> float:
    """The lr after `step` steps of SequentialLR([LinearLR(start_factor, 1.0, warmup_steps),
    CosineAnnealingLR(T_max, eta_min)], milestones=[milestone])."""
    if step < milestone:  # LinearLR is in charge, at its own step = step
        done = min(step, warmup_steps) / warmup_steps
        return base_lr * (start_factor + (1 - start_factor) * done)
    t = step - milestone  # the cosine's own step: 0 at the milestone, from base_lr
    return eta_min + (base_lr - eta_min) * (1 + math.cos(math.pi * t / T_max)) / 2


def _ramp(key: str, message: str, warmup) -> Mistake:
    return Mistake.variant(key, message, _variant, warmup=warmup)


def _progress(key: str, message: str, progress) -> Mistake:
    return Mistake.variant(key, message, _variant, progress=progress)


MISTAKES = (
    Mistake.variant("continues_from_previous_lr", "at the milestone your cosine starts from the "
                    "lr the warmup had reached; SequentialLR starts the next scheduler at its own "
                    "step 0, from base_lr (the LinearLR's progress is thrown away).", _variant,
                    peak=lambda b, w, m, sf: _warmup(m - 1, b, w, sf) if m else b),
    Mistake.variant("continues_from_warmup_at_milestone", "your cosine starts from the warmup's "
                    "value at the milestone; SequentialLR starts it from base_lr, whatever the "
                    "warmup had reached.", _variant,
                    peak=lambda b, w, m, sf: _warmup(m, b, w, sf)),
    Mistake.variant("child_clock_global", "after the milestone your cosine runs on the global "
                    "step; in SequentialLR each scheduler counts its own steps from 0 at its "
                    "milestone: t = step - milestone.", _variant, clock=lambda s, m: s),
    Mistake.variant("child_clock_starts_at_one", "off by one after the milestone: at the "
                    "milestone the cosine is at its own step 0 (lr = base_lr), so "
                    "t = step - milestone, not step - milestone + 1.", _variant,
                    clock=lambda s, m: s - m + 1),
    Mistake.variant("switch_one_late", "off by one at the milestone: SequentialLR hands over when "
                    "step == milestone, so the warmup covers steps 0 .. milestone - 1 "
                    "(`step < milestone`, not `<=`).", _variant,
                    switch=lambda s, m: s <= m, clock=lambda s, m: s - m - 1),
    Mistake.variant("milestone_step_in_warmup", "at step == milestone your warmup is still in "
                    "charge; SequentialLR hands over at that very step (the cosine's step 0, "
                    "base_lr): test `step < milestone`, not `<=`.", _variant,
                    switch=lambda s, m: s <= m),
    Mistake.variant("switch_one_early", "off by one at the milestone: the cosine takes over at "
                    "step == milestone, not one step before it.", _variant,
                    switch=lambda s, m: s < m - 1, clock=lambda s, m: s - m + 1),
    Mistake("chained_multiplies", "you multiplied the two schedules at every step: that is "
            "ChainedScheduler. SequentialLR runs one scheduler at a time: the LinearLR before the "
            "milestone, then the cosine alone.", chained_product),
    Mistake.variant("warmup_not_clamped", "your warmup keeps climbing past warmup_steps: "
                    "LinearLR's factor stops at 1 after total_iters steps, so with a later "
                    "milestone the lr stays at base_lr (min(step, warmup_steps)).", _variant,
                    warmup=lambda s, b, w, sf: _warmup(s, b, w, sf, clamp=False)),
    Mistake.variant("cosine_clamped", "past milestone + T_max you hold eta_min, but torch's "
                    "CosineAnnealingLR is periodic: it rises again, back to base_lr at "
                    "2·T_max after the milestone.", _variant, clamp=True),
    Mistake.variant("warmup_from_zero", "your warmup starts at 0; LinearLR starts at "
                    "start_factor · base_lr: base_lr · (start_factor + (1 - start_factor) · "
                    "min(step, warmup_steps) / warmup_steps).", _variant,
                    warmup=lambda s, b, w, sf: b * min(s, w) / w),
    Mistake.variant("forgot_eta_min", "your cosine decays to 0 instead of eta_min: "
                    "eta_min + (base_lr - eta_min) · (1 + cos(π·t / T_max)) / 2.", _variant,
                    curve=lambda hi, lo, p: half_cosine(hi, 0.0, p)),
    Mistake.variant("switch_one_early_same_clock", "your cosine takes over one step before the "
                    "milestone (at step milestone - 1, where its own step would be -1); "
                    "SequentialLR hands over at step == milestone: `step < milestone`.",
                    _variant, switch=lambda s, m: s < m - 1),
    Mistake.variant("no_warmup", "there is no warmup: your cosine runs from step 0, at a "
                    "negative step of its own that cos mirrors. Before the milestone, LinearLR "
                    "is in charge: base_lr · (start_factor + (1 - start_factor) · min(step, "
                    "warmup_steps) / warmup_steps).", _variant, switch=lambda s, m: False),
    _ramp("warmup_integer_division", "min(step, warmup_steps) // warmup_steps is an integer "
          "division: it stays 0 until the warmup ends, so there is no ramp. Use /.",
          lambda s, b, w, sf: b * (sf + (1 - sf) * (min(s, w) // w))),
    _ramp("warmup_not_divided", "your warmup does not divide by warmup_steps, so it overshoots "
          "base_lr from step 2 on: LinearLR's factor is start_factor + (1 - start_factor) · "
          "min(step, warmup_steps) / warmup_steps.",
          lambda s, b, w, sf: b * (sf + (1 - sf) * min(s, w))),
    _ramp("warmup_denominator_plus_one", "your warmup divides by warmup_steps + 1, so it never "
          "quite reaches base_lr; LinearLR reaches it after total_iters = warmup_steps steps.",
          lambda s, b, w, sf: b * (sf + (1 - sf) * min(s, w) / (w + 1))),
    _ramp("warmup_peaks_one_step_early", "your warmup divides by warmup_steps - 1, so it "
          "reaches base_lr one step early and overshoots it after; LinearLR reaches base_lr "
          "after exactly warmup_steps steps: min(step, warmup_steps) / warmup_steps.",
          lambda s, b, w, sf: b * (sf + (1 - sf) * min(s, w) / (w - 1))),
    _ramp("warmup_factor_not_lr", "before the milestone you return LinearLR's factor, not an lr: "
          "multiply it by base_lr.",
          lambda s, b, w, sf: sf + (1 - sf) * min(s, w) / w),
    _ramp("warmup_clamp_max", "max(step, warmup_steps) holds the warmup at base_lr or above "
          "from step 0; LinearLR's progress is min(step, warmup_steps) / warmup_steps.",
          lambda s, b, w, sf: b * (sf + (1 - sf) * max(s, w) / w)),
    _ramp("no_warmup_ramp", "before the milestone your lr is already base_lr: the warmup climbs "
          "from start_factor · base_lr, by (1 - start_factor) · base_lr · min(step, "
          "warmup_steps) / warmup_steps.", lambda s, b, w, sf: b),
    _ramp("warmup_forgot_start_factor", "your warmup starts at 0 and ends at (1 - start_factor) "
          "· base_lr: the factor is start_factor + (1 - start_factor) · progress, the "
          "start_factor included.", lambda s, b, w, sf: b * (1 - sf) * min(s, w) / w),
    _ramp("warmup_slope_not_scaled", "your warmup climbs by a whole base_lr, to (1 + "
          "start_factor) · base_lr: from start_factor it has only (1 - start_factor) left to "
          "climb.", lambda s, b, w, sf: b * (sf + min(s, w) / w)),
    Mistake.variant("eta_min_not_subtracted", "you add eta_min but scale the cosine by base_lr: "
                    "the amplitude is (base_lr - eta_min), so that the cosine starts at exactly "
                    "base_lr.", _variant, curve=lambda hi, lo, p: lo + half_cosine(hi, 0.0, p)),
    _progress("cosine_not_normalised", "the cosine's angle is π·t / T_max; without / T_max it "
              "turns a half period every step.", lambda t, n: t),
    _progress("cosine_denominator_plus_one", "the cosine reaches eta_min after T_max of its own "
              "steps: π·t / T_max, not π·t / (T_max + 1).", lambda t, n: t / (n + 1)),
    _progress("cosine_denominator_minus_one", "the cosine reaches eta_min after T_max of its own "
              "steps: π·t / T_max, not π·t / (T_max - 1).", lambda t, n: t / (n - 1)),
    *curve_mistakes(_variant, "base_lr", "eta_min", "t / T_max"),
    Mistake.ignores(sequential_warmup_cosine_lr, "start_factor"),
)

HINTS = (
    "Two regimes, split at the milestone: before it the LinearLR is in charge at step `step`; "
    "from it on, the cosine runs alone at its own step t = step - milestone.",
    "LinearLR's factor is start_factor + (1 - start_factor) · min(step, warmup_steps) / "
    "warmup_steps: it stops at 1 after warmup_steps, even if the milestone comes later.",
    "At the milestone SequentialLR restarts the cosine at its own step 0, from base_lr, not from "
    "where the warmup got; torch's cosine is not clamped: eta_min + (base_lr - eta_min) · "
    "(1 + cos(π·t / T_max)) / 2 for every t.",
)

EXERCISE = Exercise(solution=sequential_warmup_cosine_lr, notebook="11_composing_schedulers",
                    reference=schedules.sequential_warmup_cosine_lr, edge_cases=edge_cases,
                    random_cases=random_cases, expected=expected, mistakes=MISTAKES, hints=HINTS)
