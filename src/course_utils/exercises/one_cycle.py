"""Exercise `one_cycle_lr`: torch's two-phase OneCycleLR with cosine annealing."""

import math

from course_utils import schedules
from course_utils.cases import Case
from course_utils.exercises.base import Exercise, Mistake
from course_utils.exercises.oracles import bind, call_text, one_cycle_expected

NAME = "one_cycle_lr"


def _edge_cases() -> list[Case]:
    documented = [Case((s, 1000, 0.1), 0.1, "OneCycleLR(max_lr=0.1, total_steps=1000)")
                  for s in (0, 1, 150, 298, 299, 300, 650, 998, 999)]
    return [
        *documented,
        *[Case((s, 10, 1.0), 1.0, "small total_steps: peak at step 2") for s in range(10)],
        *[Case((s, 3, 0.2, 0.5), 0.2, "total_steps = 3, pct_start = 0.5: phase 1 ends at 0.5")
          for s in range(3)],
        *[Case((s, 25, 0.5, 0.25), 0.5, "pct_start * total_steps - 1 = 5.25 is not rounded")
          for s in (5, 6, 12, 24)],
        *[Case((s, 100, 0.01, 0.4, 10.0, 100.0), 0.01, "div_factor = 10, final_div_factor = 100")
          for s in (0, 39, 70, 99)],
    ]


def _random_cases(rng) -> list[Case]:
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


def _expected(cases: list[Case]) -> list[float]:
    points = []
    for case in cases:
        a = bind(schedules.one_cycle_lr, case)
        points.append((a["step"], a["total_steps"], a["max_lr"], a["pct_start"],
                       a["div_factor"], a["final_div_factor"]))
    return one_cycle_expected(points)


def _cos(start, end, pct):
    return end + (start - end) / 2 * (1 + math.cos(math.pi * pct))


def _linear(start, end, pct):
    return start + (end - start) * pct


def _make(end1=lambda n, pct: pct * n - 1, end2=lambda n: n - 1, final=None, anneal=_cos):
    """A one-cycle schedule with one part swapped for a known wrong one."""
    final = final or (lambda max_lr, div, final_div: max_lr / div / final_div)

    def schedule(step, total_steps, max_lr, pct_start=0.3, div_factor=25.0,
                 final_div_factor=1e4):
        peak_step, last_step = end1(total_steps, pct_start), end2(total_steps)
        if step <= peak_step:
            return anneal(max_lr / div_factor, max_lr, step / peak_step)
        end_lr = final(max_lr, div_factor, final_div_factor)
        return anneal(max_lr, end_lr, (step - peak_step) / (last_step - peak_step))

    return schedule


def one_cycle_lr(step, total_steps, max_lr, pct_start=0.3, div_factor=25.0,
                 final_div_factor=1e4):
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


MISTAKES = (
    Mistake("peak_one_step_late", "your peak is one step late: torch's phase 1 ends at step "
            "pct_start * total_steps - 1 (step 299 for 1000 steps), not pct_start * "
            "total_steps.", _make(end1=lambda n, pct: pct * n)),
    Mistake("final_lr_forgets_div_factor", "your final lr is max_lr / final_div_factor; torch "
            "divides the INITIAL lr: max_lr / div_factor / final_div_factor (4e-7 for "
            "max_lr = 0.1).", _make(final=lambda hi, div, final_div: hi / final_div)),
    Mistake("final_lr_is_initial_lr", "your last phase ends at the initial lr; torch goes on "
            "down to initial lr / final_div_factor.",
            _make(final=lambda hi, div, final_div: hi / div)),
    Mistake("linear_anneal", "your phases are straight lines; anneal_strategy='cos' follows "
            "end + (start - end) * (1 + cos(π·pct)) / 2 within each phase.",
            _make(anneal=_linear)),
    Mistake("phase2_ends_at_total_steps", "your last phase ends at step total_steps; torch's "
            "ends at total_steps - 1, the last valid step, which gets exactly the final lr.",
            _make(end2=lambda n: n)),
    Mistake("phase1_end_rounded", "you rounded the end of phase 1 to a whole step; torch keeps "
            "pct_start * total_steps - 1 as a float (5.25 for 25 steps and pct_start = 0.25).",
            _make(end1=lambda n, pct: int(pct * n) - 1)),
)

EXERCISE = Exercise(
    name=NAME,
    notebook="06_one_cycle",
    signature="one_cycle_lr(step, total_steps, max_lr, pct_start=0.3, div_factor=25.0, "
    "final_div_factor=1e4) -> float",
    points=10,
    oracle="torch.optim.lr_scheduler.OneCycleLR(max_lr, total_steps, pct_start, "
    "anneal_strategy='cos', div_factor, final_div_factor, three_phase=False)",
    edge_cases=_edge_cases,
    random_cases=_random_cases,
    expected=_expected,
    describe_case=lambda case: call_text(NAME, schedules.one_cycle_lr, case),
    reference=schedules.one_cycle_lr,
    solution=one_cycle_lr,
    mistakes=MISTAKES,
    hints=(
        "Three lrs matter: initial = max_lr / div_factor, max_lr, and final = initial / "
        "final_div_factor. Phase 1 goes initial → max_lr, phase 2 max_lr → final.",
        "Phase 1 ends (the peak) at step pct_start * total_steps - 1, kept as a float; phase 2 "
        "ends at total_steps - 1. Within a phase, pct = how far along it you are, 0 to 1.",
        "Within a phase from `start` to `end`: lr = end + (start - end) * (1 + cos(π·pct)) / 2. "
        "For max_lr = 0.1 and 1000 steps: 0.004 at step 0, 0.1 at step 299, 4e-7 at step 999.",
    ),
)
