"""Exercise `cyclic_lr`: Smith's cyclical learning rate, three modes.

Oracle: torch.optim.lr_scheduler.CyclicLR(base_lr, max_lr, step_size_up, mode=mode,
gamma=gamma, cycle_momentum=False), after `step` calls of step().
"""

import math

from course_utils import schedules
from course_utils.cases import Case
from course_utils.exercises.base import Exercise, Mistake
from course_utils.exercises.oracles import cases_of, lr_at
from course_utils.torch_traces_part2 import cyclic_trace


def edge_cases() -> list[Case]:
    def cases(label, steps, *args):
        return cases_of(cyclic_lr, "max_lr", label, *[(s, *args) for s in steps])

    return [
        *cases("Smith's CIFAR-10 run: 0.001 to 0.006, step_size_up = 2000, triangular2",
               (0, 1000, 2000, 3999, 4000, 5000, 6000, 8000, 9000), 0.001, 0.006, 2000,
               "triangular2"),
        *cases("triangular: every cycle the same", (0, 1, 2, 3, 4, 5, 6, 7, 8, 13), 0.1, 1.0, 4),
        *cases("default step_size_up = 2000", (0, 500, 2000, 2500, 4000, 7000), 1e-4, 1e-3),
        *cases("triangular2, third and fourth cycles", (10, 12, 15, 20, 25, 30, 35), 0.0, 0.8, 5,
               "triangular2"),
        *cases("exp_range: the height shrinks by gamma every step", (0, 1, 3, 6, 9, 30, 33, 301),
               0.01, 0.1, 3, "exp_range", 0.99),
        *cases("exp_range with gamma = 1 is triangular", (0, 2, 5, 7), 0.2, 0.6, 2, "exp_range"),
        *cases("step_size_up = 1: base, max, base, ...", (0, 1, 2, 3, 4, 5), 0.05, 0.5, 1),
        *cases("triangular ignores gamma", (3, 9, 17), 0.1, 0.3, 4, "triangular", 0.5),
    ]


def random_cases(rng) -> list[Case]:
    cases = []
    for mode in ("triangular", "triangular2", "exp_range"):
        up = rng.randint(2, 300)
        max_lr = 10 ** rng.uniform(-4, 0)
        base_lr = max_lr * rng.choice([0.0, 10 ** rng.uniform(-2, -0.3)])
        gamma = round(rng.uniform(0.99, 0.9999), 4) if mode == "exp_range" else 1.0
        steps = {0, up, 2 * up, 3 * up, 4 * up, 4 * up + 1}
        steps |= {rng.randrange(6 * up) for _ in range(6)}
        args = (base_lr, max_lr, up, mode, gamma)
        cases += [Case((s, *args), max_lr, "random") for s in sorted(steps)]
    return cases


def expected(cases: list[Case]) -> list[float]:
    return lr_at(cases, cyclic_lr, cyclic_trace, "step")


def _right_scale(cycle, s, mode, gamma):
    """torch's scale of the height for each mode."""
    return {"triangular": 1.0, "triangular2": 1 / 2 ** (cycle - 1), "exp_range": gamma**s}[mode]


def _height(base_lr, max_lr, triangle, cycle, s, mode, gamma, scale=_right_scale):
    """torch's rule: the height above base_lr, scaled by the mode."""
    return base_lr + (max_lr - base_lr) * triangle * scale(cycle, s, mode, gamma)


def _variant(step, base_lr, max_lr, step_size_up=2000, mode="triangular", gamma=1.0, *,
             period=lambda up: 2 * up, at=lambda s: s, shape=lambda triangle: triangle,
             lr=_height, divide=lambda s, up: s / up):
    """cyclic_lr with one part swapped for a known wrong one."""
    s = at(step)
    cycle = math.floor(1 + s / period(step_size_up))
    x = abs(divide(s, step_size_up) - 2 * cycle + 1)
    return lr(base_lr, max_lr, shape(max(0.0, 1 - x)), cycle, s, mode, gamma)


def cyclic_lr(step, base_lr, max_lr, step_size_up=2000, mode="triangular", gamma=1.0) -> float:
    """Triangle between base_lr and max_lr, step_size_up steps up then as many down."""
    cycle = math.floor(1 + step / (2 * step_size_up))  # 1 for the first cycle
    x = abs(step / step_size_up - 2 * cycle + 1)  # 1 at the cycle's ends, 0 at its peak
    height = (max_lr - base_lr) * max(0.0, 1 - x)
    if mode == "triangular2":
        height /= 2 ** (cycle - 1)  # halved every cycle
    elif mode == "exp_range":
        height *= gamma**step  # shrinks every step
    return base_lr + height


def _scaled(wrong_scale, only_mode):
    """torch's rule, but with `wrong_scale` for mode `only_mode`."""
    def scale(cycle, s, mode, gamma):
        return wrong_scale(cycle, s, gamma) if mode == only_mode else _right_scale(
            cycle, s, mode, gamma)

    return lambda *args: _height(*args, scale=scale)


def _halve_max_lr(base_lr, max_lr, triangle, cycle, s, mode, gamma):
    if mode != "triangular2":
        return _height(base_lr, max_lr, triangle, cycle, s, mode, gamma)
    return base_lr + (max_lr / 2 ** (cycle - 1) - base_lr) * triangle


def _scale_whole_lr(base_lr, max_lr, triangle, cycle, s, mode, gamma):
    if mode != "exp_range":
        return _height(base_lr, max_lr, triangle, cycle, s, mode, gamma)
    return (base_lr + (max_lr - base_lr) * triangle) * gamma**s


MISTAKES = (
    Mistake.variant("cycle_is_step_size", "your whole cycle lasts step_size_up steps; "
                    "step_size_up is HALF a cycle (the rise), so a cycle lasts 2 * step_size_up "
                    "and cycle = floor(1 + step / (2 * step_size_up)).", _variant,
                    period=lambda up: up),
    Mistake.variant("triangular2_halves_from_the_start", "your triangular2 halves the height "
                    "already in the first cycle: the scale is 1 / 2**(cycle - 1), with cycle = 1 "
                    "for the first cycle, so the first peak is max_lr.", _variant,
                    lr=_scaled(lambda cycle, s, gamma: 1 / 2**cycle, "triangular2")),
    Mistake.variant("triangular2_halves_max_lr", "your triangular2 halves max_lr; torch halves "
                    "the HEIGHT above base_lr: base_lr + (max_lr - base_lr) / 2**(cycle - 1) at "
                    "the peak (0.0035 at step 6000 of Smith's 0.001-0.006 run).", _variant,
                    lr=_halve_max_lr),
    Mistake.variant("exp_range_per_cycle", "your exp_range shrinks the height by gamma once per "
                    "CYCLE; torch's scales it by gamma**step, every step (scale_mode "
                    "'iterations').", _variant,
                    lr=_scaled(lambda cycle, s, gamma: gamma**cycle, "exp_range")),
    Mistake.variant("exp_range_scales_whole_lr", "your exp_range multiplies the whole lr by "
                    "gamma**step, base_lr included; torch scales only the height above base_lr, "
                    "so the lr never falls below base_lr.", _variant, lr=_scale_whole_lr),
    Mistake.variant("ignores_mode", "you ignore `mode`: triangular2 halves the height every "
                    "cycle and exp_range multiplies it by gamma**step.", _variant,
                    lr=lambda *args: _height(*args, scale=lambda *_: 1.0)),
    Mistake.ignores(cyclic_lr, "step_size_up"),
    Mistake.ignores(cyclic_lr, "gamma", "exp_range scales the height by gamma**step, so "
                    "its peaks fall step by step."),
    Mistake.variant("triangular2_never_halves", "your triangular2 never halves: the height is "
                    "divided by 2**(cycle - 1), so the second peak is halfway from base_lr to "
                    "max_lr.", _variant, lr=_scaled(lambda cycle, s, gamma: 1.0, "triangular2")),
    Mistake.variant("exp_range_one_step_late", "your exp_range scale is gamma**(step + 1): at "
                    "step 0 it is gamma**0 = 1, the height in full.", _variant,
                    lr=_scaled(lambda cycle, s, gamma: gamma ** (s + 1), "exp_range")),
    Mistake.variant("exp_range_gamma_times_step", "your exp_range scale is gamma * step; it is "
                    "a power, gamma**step, which shrinks the height a little every step.",
                    _variant, lr=_scaled(lambda cycle, s, gamma: gamma * s, "exp_range")),
    Mistake.variant("exp_range_one_step_early", "your exp_range scale is gamma**(step - 1): at "
                    "step 0 it must be gamma**0 = 1, the height in full.", _variant,
                    lr=_scaled(lambda cycle, s, gamma: gamma ** (s - 1), "exp_range")),
    Mistake.variant("integer_division", "you divide with //: step // step_size_up is a whole "
                    "number, so your lr jumps between base_lr and max_lr instead of climbing "
                    "steadily; use / (true division).", _variant,
                    divide=lambda s, up: s // up),
    Mistake.variant("no_triangle", "your lr stays at the peak: the triangle, 1 - x, is what "
                    "takes the lr up from base_lr to max_lr and back.", _variant,
                    shape=lambda triangle: 1.0),
    Mistake.variant("forgot_base_lr", "your lr is the height alone: the triangle sits on "
                    "base_lr, lr = base_lr + (max_lr - base_lr) * triangle * scale.", _variant,
                    lr=lambda base_lr, *args: _height(base_lr, *args) - base_lr),
    Mistake.variant("height_is_max_lr", "your triangle's height is max_lr on top of base_lr, so "
                    "the peak overshoots to base_lr + max_lr; the height is max_lr - base_lr.",
                    _variant, lr=lambda base_lr, max_lr, *args: _height(
                        base_lr, max_lr + base_lr, *args)),
    Mistake.variant("height_reversed", "you wrote the height as (base_lr - max_lr): the lr then "
                    "dips below base_lr instead of rising to max_lr.", _variant,
                    lr=lambda base_lr, max_lr, *args: _height(base_lr, 2 * base_lr - max_lr,
                                                              *args)),
    Mistake.variant("one_step_late", "your schedule is one step late: at step 0 the lr is "
                    "base_lr (CyclicLR sets it at construction), the peak max_lr comes at step "
                    "step_size_up.", _variant, at=lambda s: s + 1),
    Mistake.variant("starts_at_max_lr", "your cycle starts at max_lr and falls first; CyclicLR "
                    "starts at base_lr and rises for step_size_up steps.", _variant,
                    shape=lambda triangle: 1 - triangle),
)

HINTS = (
    "A cycle is 2 * step_size_up steps: up from base_lr to max_lr in step_size_up steps, then "
    "down again. cycle = floor(1 + step / (2 * step_size_up)) numbers the cycles from 1.",
    "x = |step / step_size_up - 2 * cycle + 1| is 1 at the ends of a cycle and 0 at its peak; the "
    "triangle is max(0, 1 - x). lr = base_lr + (max_lr - base_lr) * triangle * scale.",
    "scale is 1 for triangular, 1 / 2**(cycle - 1) for triangular2 (the height halves every "
    "cycle), gamma**step for exp_range (every step, not every cycle). Smith's run: base_lr = "
    "0.001, max_lr = 0.006, step_size_up = 2000, triangular2 gives 0.00225 at step 5000.",
)

EXERCISE = Exercise(solution=cyclic_lr, notebook="10_warm_restarts_and_cycles",
                    reference=schedules.cyclic_lr, edge_cases=edge_cases,
                    random_cases=random_cases, expected=expected, mistakes=MISTAKES, hints=HINTS)
