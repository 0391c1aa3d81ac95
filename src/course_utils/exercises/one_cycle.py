"""Exercise `one_cycle_lr`: torch's two-phase OneCycleLR with cosine annealing.

Oracle: torch.optim.lr_scheduler.OneCycleLR(max_lr, total_steps, pct_start, div_factor,
final_div_factor, anneal_strategy='cos', three_phase=False), for 0 <= step < total_steps.
"""

import math

from course_utils import schedules
from course_utils.cases import Case
from course_utils.exercises.base import Exercise, Mistake
from course_utils.exercises.cosine_slips import curve_mistakes, half_cosine
from course_utils.exercises.oracles import bind, cases_of
from course_utils.torch_traces import one_cycle_trace


def edge_cases() -> list[Case]:
    def cases(label, steps, *args):
        return cases_of(one_cycle_lr, "max_lr", label, *[(s, *args) for s in steps])

    return [
        *cases("OneCycleLR(max_lr=0.1, total_steps=1000)",
               (0, 1, 150, 298, 299, 300, 650, 998, 999), 1000, 0.1),
        *cases("small total_steps: peak at step 2", range(10), 10, 1.0),
        *cases("total_steps = 3, pct_start = 0.5: phase 1 ends at 0.5", range(3), 3, 0.2, 0.5),
        *cases("pct_start * total_steps - 1 = 5.25 is not rounded", (5, 6, 12, 24), 25, 0.5,
               0.25),
        *cases("div_factor = 10, final_div_factor = 100", (0, 39, 70, 99), 100, 0.01, 0.4,
               10.0, 100.0),
    ]


def random_cases(rng) -> list[Case]:
    cases = []
    for _ in range(3):
        total = rng.randint(10, 600)
        pct_start = round(rng.uniform(max(0.1, 2.5 / total), 0.6), 2)
        max_lr = 10 ** rng.uniform(-4, 0)
        div_factor = rng.choice([25.0, round(rng.uniform(5, 50), 1)])
        final_div_factor = rng.choice([1e4, float(round(10 ** rng.uniform(1, 4)))])
        end_phase1 = pct_start * total - 1
        steps = {0, math.floor(end_phase1), math.ceil(end_phase1), total - 2, total - 1}
        steps |= {rng.randrange(total) for _ in range(6)}
        args = (total, max_lr, pct_start, div_factor, final_div_factor)
        cases += [Case((s, *args), max_lr, "random") for s in sorted(steps)]
    return cases


def expected(cases: list[Case]) -> list[float]:
    def lr(step, **params):
        lrs, _ = one_cycle_trace(**params)
        return lrs[step]

    return [lr(**bind(one_cycle_lr, case)) for case in cases]


def _linear(start, end, pct):
    return start + (end - start) * pct


def _variant(step, total_steps, max_lr, pct_start=0.3, div_factor=25.0, final_div_factor=1e4,
             *, initial=lambda hi, div: hi / div, final=lambda first, hi, div, final_div: first
             / final_div, end1=lambda n, pct: pct * n - 1, end2=lambda n: n - 1,
             pct1=lambda s, peak: s / peak,
             pct2=lambda s, peak, last: (s - peak) / (last - peak), curve=half_cosine):
    """one_cycle_lr with one part swapped for a known wrong one."""
    initial_lr = initial(max_lr, div_factor)
    peak_step, last_step = end1(total_steps, pct_start), end2(total_steps)
    if step <= peak_step:
        return curve(initial_lr, max_lr, pct1(step, peak_step))
    end_lr = final(initial_lr, max_lr, div_factor, final_div_factor)
    return curve(max_lr, end_lr, pct2(step, peak_step, last_step))


def one_cycle_lr(step, total_steps, max_lr, pct_start=0.3, div_factor=25.0,
                 final_div_factor=1e4) -> float:
    """Cosine from max_lr / div_factor up to max_lr, then down to initial / final_div_factor."""
    initial_lr = max_lr / div_factor
    final_lr = initial_lr / final_div_factor
    peak_step = pct_start * total_steps - 1  # a float: torch does not round it
    last_step = total_steps - 1
    if step <= peak_step:
        start, end, pct = initial_lr, max_lr, step / peak_step
    else:
        start, end, pct = max_lr, final_lr, (step - peak_step) / (last_step - peak_step)
    return end + (start - end) * (1 + math.cos(math.pi * pct)) / 2


def _phase1(key: str, message: str, pct1) -> Mistake:
    return Mistake.variant(key, message, _variant, pct1=pct1)


def _phase2(key: str, message: str, pct2) -> Mistake:
    return Mistake.variant(key, message, _variant, pct2=pct2)


MISTAKES = (
    Mistake.variant("peak_one_step_late", "your peak is one step late: torch's phase 1 ends at "
                    "step pct_start * total_steps - 1 (step 299 for 1000 steps), not pct_start * "
                    "total_steps.", _variant, end1=lambda n, pct: pct * n),
    Mistake.variant("phase1_end_rounded", "you rounded the end of phase 1 to a whole step; torch "
                    "keeps pct_start * total_steps - 1 as a float (5.25 for 25 steps and pct_start "
                    "= 0.25).", _variant, end1=lambda n, pct: int(pct * n) - 1),
    Mistake.variant("starts_at_max_lr", "your cycle starts at max_lr: torch starts at max_lr / "
                    "div_factor (the initial lr), climbs to max_lr, and ends at initial lr / "
                    "final_div_factor.", _variant, initial=lambda hi, div: hi),
    Mistake.variant("final_lr_forgets_div_factor", "your final lr is max_lr / final_div_factor; "
                    "torch divides the INITIAL lr: max_lr / div_factor / final_div_factor (4e-7 "
                    "for max_lr = 0.1).",
                    _variant, final=lambda first, hi, div, final_div: hi / final_div),
    Mistake.variant("final_lr_is_initial_lr", "your last phase ends at the initial lr; torch goes "
                    "on down to initial lr / final_div_factor.",
                    _variant, final=lambda first, hi, div, final_div: first),
    Mistake.variant("phase2_ends_at_total_steps", "your last phase ends at step total_steps; "
                    "torch's ends at total_steps - 1, the last valid step, which gets exactly the "
                    "final lr.", _variant, end2=lambda n: n),
    Mistake.variant("phase2_ends_one_step_early", "your last phase ends at step total_steps - 2; "
                    "torch's ends at total_steps - 1, the last valid step, which gets exactly the "
                    "final lr.", _variant, end2=lambda n: n - 2),
    _phase1("phase1_not_normalised", "phase 1's pct must run from 0 to 1: step / (pct_start * "
            "total_steps - 1), the step divided by the peak step.", lambda s, peak: s),
    _phase1("phase1_one_step_ahead", "phase 1 is one step ahead: step 0 gives the initial lr, so "
            "pct = step / peak_step, not (step + 1) / peak_step.", lambda s, peak: (s + 1) / peak),
    _phase1("phase1_one_step_behind", "phase 1 is one step behind: steps count from 0, so pct = "
            "step / peak_step, not (step - 1) / peak_step.", lambda s, peak: (s - 1) / peak),
    _phase2("phase2_not_normalised", "phase 2's pct must run from 0 to 1: (step - peak_step) / "
            "(last_step - peak_step).", lambda s, peak, last: s - peak),
    _phase2("phase2_progress_not_offset", "phase 2's pct must start at 0 at the peak: (step - "
            "peak_step) / (last_step - peak_step), not step / (last_step - peak_step).",
            lambda s, peak, last: s / (last - peak)),
    _phase2("phase2_spans_last_step", "phase 2 lasts last_step - peak_step steps: pct = (step - "
            "peak_step) / (last_step - peak_step), not (step - peak_step) / last_step.",
            lambda s, peak, last: (s - peak) / last),
    _phase2("phase2_one_step_ahead", "phase 2 is one step ahead: at the peak pct is 0, so pct = "
            "(step - peak_step) / (last_step - peak_step), not (step - peak_step + 1) / ….",
            lambda s, peak, last: (s - peak + 1) / (last - peak)),
    _phase2("phase2_one_step_behind", "phase 2 is one step behind: at the peak pct is 0, so pct = "
            "(step - peak_step) / (last_step - peak_step), not (step - peak_step - 1) / ….",
            lambda s, peak, last: (s - peak - 1) / (last - peak)),
    Mistake.variant("linear_anneal", "your phases are straight lines; anneal_strategy='cos' "
                    "follows end + (start - end) * (1 + cos(π·pct)) / 2 within each phase.",
                    _variant, curve=_linear),
    Mistake.variant("end_not_subtracted", "you scale the cosine by start, not by (start - end): "
                    "within a phase the lr is end + (start - end) * (1 + cos(π·pct)) / 2.",
                    _variant, curve=lambda start, end, pct: end + half_cosine(start, 0.0, pct)),
    *curve_mistakes(_variant, "start", "end", "pct"),
    Mistake.ignores(one_cycle_lr, "pct_start"),
    Mistake.ignores(one_cycle_lr, "div_factor"),
    Mistake.ignores(one_cycle_lr, "final_div_factor"),
)

HINTS = (
    "Three lrs matter: initial = max_lr / div_factor, max_lr, and final = initial / "
    "final_div_factor. Phase 1 goes initial → max_lr, phase 2 max_lr → final.",
    "Phase 1 ends (the peak) at step pct_start * total_steps - 1, kept as a float; phase 2 "
    "ends at total_steps - 1. Within a phase, pct = how far along it you are, 0 to 1.",
    "Within a phase from `start` to `end`: lr = end + (start - end) * (1 + cos(π·pct)) / 2. "
    "For max_lr = 0.1 and 1000 steps: 0.004 at step 0, 0.1 at step 299, 4e-7 at step 999.",
)

EXERCISE = Exercise(solution=one_cycle_lr, notebook="06_one_cycle",
                    reference=schedules.one_cycle_lr, edge_cases=edge_cases,
                    random_cases=random_cases, expected=expected, mistakes=MISTAKES, hints=HINTS)
