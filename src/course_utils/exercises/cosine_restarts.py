"""Exercise `warm_restarts_lr`: cosine annealing with warm restarts (SGDR).

Oracle: torch.optim.lr_scheduler.CosineAnnealingWarmRestarts(T_0, T_mult, eta_min=min_lr) on
base lr max_lr, after `step` calls of step() (integer steps).
"""

import math

from course_utils import schedules
from course_utils.cases import Case
from course_utils.exercises.base import Exercise, Mistake
from course_utils.exercises.cosine_slips import curve_mistakes
from course_utils.exercises.oracles import cases_of, lr_at
from course_utils.torch_traces_part2 import warm_restarts_trace


def edge_cases() -> list[Case]:
    def cases(label, steps, *args):
        return cases_of(warm_restarts_lr, "max_lr", label, *[(s, *args) for s in steps])

    return [
        *cases("T_0 = 10, T_mult = 2: restarts at 10, 30, 70, 150",
               (0, 1, 5, 9, 10, 11, 20, 29, 30, 31, 50, 69, 70, 71, 110, 149, 150, 151), 10, 2),
        *cases("T_mult = 1: every cycle lasts T_0", (0, 3, 7, 8, 15, 16, 40, 1001), 8, 1, 0.5),
        *cases("min_lr > 0: the cosine ends above min_lr", (0, 4, 5, 6, 12, 20, 62), 6, 3, 0.2,
               0.02),
        *cases("T_0 = 1, T_mult = 1: a restart at every step", (0, 1, 2, 7), 1, 1, 0.3, 0.1),
        *cases("T_0 = 1, T_mult = 2: cycles of 1, 2, 4, 8 steps", range(16), 1, 2, 1.0, 0.0),
        *cases("T_0 = 2, T_mult = 4", (0, 1, 2, 5, 9, 10, 11, 41, 42, 43, 170, 171), 2, 4, 0.05,
               1e-4),
        *cases("the lesson's numbers: T_0 = 10, T_mult = 2, 0.1", (20, 29), 10, 2, 0.1, 0.0),
        *cases("T_0 = 1, T_mult = 3: log(243, 3) < 5 in floats", (120, 121, 122), 1, 3, 0.1),
        *cases("defaults: T_mult = 1, max_lr = 0.1, min_lr = 0", (0, 4, 10, 15, 25), 10),
    ]


def random_cases(rng) -> list[Case]:
    cases = []
    for _ in range(4):
        T_0, T_mult = rng.randint(2, 40), rng.choice([1, 1, 2, 2, 3])
        max_lr = 10 ** rng.uniform(-4, 0)
        min_lr = rng.choice([0.0, max_lr * 10 ** rng.uniform(-3, -0.5)])
        ends = [schedules.cycle_end(k, T_0, T_mult) for k in range(1, 4)]
        steps = {0, *ends, *(e - 1 for e in ends), *(e + 1 for e in ends)}
        steps |= {rng.randrange(ends[-1] + T_0) for _ in range(6)}
        cases += [Case((s, T_0, T_mult, max_lr, min_lr), max_lr, "random") for s in sorted(steps)]
    return cases


def expected(cases: list[Case]) -> list[float]:
    return lr_at(cases, warm_restarts_lr, warm_restarts_trace, "step")


def _position(step, T_0, T_mult, first=None, past_the_end=lambda T_cur, T_i: T_cur >= T_i):
    """(T_cur, T_i): steps into the current cycle and its length (the first lasts `first`)."""
    T_cur, T_i = step, T_0 if first is None else first
    for _ in range(step):  # bounded, as in the solution: a wrong test cannot loop forever
        if not past_the_end(T_cur, T_i):
            break
        T_cur, T_i = T_cur - T_i, T_i * T_mult
    return T_cur, T_i


def _grown_first(step, T_0, T_mult):
    """The cycle's length multiplied by T_mult before it is subtracted from T_cur."""
    T_cur, T_i = step, T_0
    for _ in range(step):
        if T_cur < T_i:
            break
        T_i *= T_mult
        T_cur -= T_i
    return T_cur, T_i


def _cosine(max_lr, min_lr, progress):
    return min_lr + (max_lr - min_lr) * (1 + math.cos(math.pi * progress)) / 2


def _variant(step, T_0, T_mult=1, max_lr=0.1, min_lr=0.0, *, position=_position,
             progress=lambda T_cur, T_i: T_cur / T_i, curve=_cosine):
    """warm_restarts_lr with one part swapped for a known wrong one."""
    T_cur, T_i = position(step, T_0, T_mult)
    return curve(max_lr, min_lr, progress(T_cur, T_i))


def warm_restarts_lr(step, T_0, T_mult=1, max_lr=0.1, min_lr=0.0) -> float:
    """Cosine from max_lr towards min_lr within each cycle; cycle i lasts T_0 * T_mult**i."""
    T_cur, T_i = step, T_0  # steps into the current cycle, and its length
    for _ in range(step):  # a cycle lasts at least one step: at most `step` restarts
        if T_cur < T_i:
            break
        T_cur -= T_i  # past the end of this cycle: restart
        T_i *= T_mult
    return min_lr + (max_lr - min_lr) * (1 + math.cos(math.pi * T_cur / T_i)) / 2


def _no_t_mult(step, T_0, T_mult):
    return step % T_0, T_0


def _float_log(step, T_0, T_mult):
    """torch's step(epoch) path: the cycle from a float logarithm, int() rounding it down."""
    if T_mult == 1 or step < T_0:
        return _position(step, T_0, T_mult)
    n = int(math.log(step / T_0 * (T_mult - 1) + 1, T_mult))
    return step - T_0 * (T_mult**n - 1) / (T_mult - 1), T_0 * T_mult**n


def _lengths_as_restarts(step, T_0, T_mult):
    """Restarts at T_0, T_0·T_mult, T_0·T_mult², ...: the lengths taken for the boundaries."""
    if T_mult == 1:
        return step % T_0, T_0
    start, end = 0, T_0
    while step >= end:
        start, end = end, end * T_mult
    return step - start, end - start


MISTAKES = (
    Mistake.variant("ignores_t_mult", "your cycles all last T_0 steps: with T_mult > 1 the i-th "
                    "cycle lasts T_0 * T_mult**i (restarts at 10, 30, 70, 150 for T_0 = 10, "
                    "T_mult = 2).", _variant, position=_no_t_mult),
    Mistake.variant("cycle_lengths_as_restart_steps", "you restart at T_0 * T_mult**i (10, 20, "
                    "40, ...): those are the cycle LENGTHS; the restarts come at their running "
                    "sums, 10, 10 + 20, 10 + 20 + 40, ... = 10, 30, 70, 150.",
                    _variant, position=_lengths_as_restarts),
    Mistake.variant("t_mult_from_the_first_cycle", "your first cycle already lasts T_0 * T_mult: "
                    "the first cycle lasts T_0 steps, and each restart multiplies the length by "
                    "T_mult.", _variant,
                    position=lambda s, T_0, T_mult: _position(s, T_0, T_mult, T_0 * T_mult)),
    Mistake.variant("float_log_misses_restart", "you find the cycle with a float logarithm: "
                    "log(243, 3) = 4.999999999999999, so int() drops a whole cycle and the "
                    "restart at step 121 (T_0 = 1, T_mult = 3) is missed, as in torch's "
                    "step(epoch) path. Count the cycles with integers: subtract cycle lengths "
                    "while step is past the end.", _variant, position=_float_log),
    Mistake.variant("restart_one_step_late", "your restart comes one step late: at step T_i the "
                    "cycle is over (T_cur == T_i), so the lr is back at max_lr; restart while "
                    "T_cur >= T_i, not T_cur > T_i.", _variant,
                    position=lambda s, T_0, T_mult: _position(
                        s, T_0, T_mult, past_the_end=lambda T_cur, T_i: T_cur > T_i)),
    Mistake.variant("cycle_grown_before_subtracting", "at a restart you multiply T_i by T_mult "
                    "before subtracting it from T_cur, so you take away the NEXT cycle's length: "
                    "subtract the cycle that ended (T_cur -= T_i), then grow T_i.", _variant,
                    position=_grown_first),
    Mistake.variant("restart_one_step_early", "your restart comes one step early: the cycle "
                    "lasts T_i steps, T_cur = 0 .. T_i - 1, so restart when T_cur >= T_i (not "
                    "T_i - 1).", _variant,
                    position=lambda s, T_0, T_mult: _position(
                        s, T_0, T_mult, past_the_end=lambda T_cur, T_i: T_cur >= T_i - 1)),
    Mistake.variant("progress_not_divided", "your progress is T_cur, not T_cur / T_i: the angle "
                    "π·T_cur / T_i runs from 0 to π over each cycle, whatever its length.",
                    _variant, progress=lambda T_cur, T_i: T_cur),
    Mistake.variant("cycle_one_step_long", "you divide by T_i + 1: the cycle lasts T_i steps, so "
                    "progress is T_cur / T_i.", _variant,
                    progress=lambda T_cur, T_i: T_cur / (T_i + 1)),
    Mistake.variant("one_step_early", "your schedule is one step early: progress is T_cur / T_i, "
                    "0 right after a restart, not (T_cur - 1) / T_i.", _variant,
                    progress=lambda T_cur, T_i: (T_cur - 1) / T_i),
    Mistake.variant("reaches_min_lr_at_cycle_end", "your cosine reaches min_lr on the last step "
                    "of a cycle (progress T_cur / (T_i - 1)); torch's progress is T_cur / T_i, so "
                    "min_lr is never reached at whole steps: the next step is the restart.",
                    _variant, progress=lambda T_cur, T_i: T_cur / max(1, T_i - 1)),
    Mistake.variant("one_step_late", "your schedule is one step late: right after a restart "
                    "(and at step 0) the lr is max_lr, so progress is T_cur / T_i, not "
                    "(T_cur + 1) / T_i.", _variant,
                    progress=lambda T_cur, T_i: (T_cur + 1) / T_i),
    Mistake.ignores(warm_restarts_lr, "max_lr"),
    Mistake.variant("forgot_min_lr", "your lr decays towards 0, not min_lr: each cycle is min_lr "
                    "+ (max_lr - min_lr) * (1 + cos(π·T_cur/T_i)) / 2.", _variant,
                    curve=lambda hi, lo, p: _cosine(hi, 0.0, p)),
    Mistake.variant("min_lr_not_subtracted", "you add min_lr but scale the cosine by max_lr: the "
                    "amplitude is (max_lr - min_lr), so that a restart gives exactly max_lr.",
                    _variant, curve=lambda hi, lo, p: lo + _cosine(hi, 0.0, p)),
    Mistake.variant("rising_within_cycle", "your cycles rise from min_lr to max_lr: each cycle "
                    "starts at max_lr (a restart) and anneals, (1 + cos(π·T_cur/T_i)) / 2 starts "
                    "at 1.", _variant, curve=lambda hi, lo, p: _cosine(hi, lo, 1 - p)),
    Mistake.variant("cosine_not_halved", "you left out the / 2: (1 + cos(π·T_cur/T_i)) runs from "
                    "2 to 0, so the restart would be at 2 * max_lr; divide it by 2.", _variant,
                    curve=lambda hi, lo, p: lo + (hi - lo) * (1 + math.cos(math.pi * p))),
    Mistake.variant("linear_within_cycle", "your cycles are straight lines (a sawtooth); SGDR "
                    "follows a cosine within each cycle: (1 + cos(π·T_cur/T_i)) / 2.", _variant,
                    curve=lambda hi, lo, p: hi - (hi - lo) * p),
    *curve_mistakes(_variant, "max_lr", "min_lr", "T_cur / T_i",
                    skip=("rising_cosine", "forgot_half")),  # rising_within_cycle, not_halved
)

HINTS = (
    "Track two numbers, as torch does: T_cur (steps since the last restart) and T_i (the "
    "length of the current cycle, T_0 at first). Within a cycle the lr is a cosine from max_lr "
    "towards min_lr with progress T_cur / T_i.",
    "Walk through the cycles: while T_cur >= T_i, the cycle is over, so subtract T_i from T_cur "
    "and multiply T_i by T_mult. For T_0 = 10, T_mult = 2 that puts the restarts at 10, 30, 70, "
    "150.",
    "Then lr = min_lr + (max_lr - min_lr) * (1 + cos(π·T_cur/T_i)) / 2. Check: T_0 = 10, "
    "T_mult = 2, max_lr = 0.1 gives 0.05 at step 20 and about 6.2e-4 at step 29.",
)

EXERCISE = Exercise(solution=warm_restarts_lr, notebook="10_warm_restarts_and_cycles",
                    reference=schedules.warm_restarts_lr, edge_cases=edge_cases,
                    random_cases=random_cases, expected=expected, mistakes=MISTAKES, hints=HINTS)
