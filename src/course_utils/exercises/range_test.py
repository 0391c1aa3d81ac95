"""Exercise `range_test_lr`: the lr of the LR range test's exponential sweep at a step.

Oracle: torch.optim.lr_scheduler.ExponentialLR(gamma = (end_lr / start_lr) ** (1 / (num_steps
- 1))) on base lr start_lr, for 0 <= step <= num_steps - 1. The sweep spans decades, so each
case's tolerance is relative to its own value (its scale is that value).
"""

from course_utils import schedules
from course_utils.cases import Case
from course_utils.exercises.base import Exercise, Mistake
from course_utils.exercises.oracles import bind, lr_at
from course_utils.torch_traces_part2 import range_test_trace


def _case(step, *args, label="") -> Case:
    case = Case((step, *args), 1.0, label)
    params = bind(range_test_lr, case)
    scale = schedules.range_test_lr(**params)  # tolerance relative to this very value
    return Case((step, *args), scale, label)


def edge_cases() -> list[Case]:
    defaults = [_case(t, label="fastai's defaults: 1e-7 to 10 over 100 steps")
                for t in (0, 1, 12, 50, 98, 99)]
    return [
        *defaults,
        _case(0, 1e-5, 1.0, 51, label="step 0: start_lr"),
        _case(50, 1e-5, 1.0, 51, label="the last step, num_steps - 1: end_lr"),
        _case(25, 1e-5, 1.0, 51, label="halfway: the geometric mean sqrt(start_lr * end_lr)"),
        _case(0, 1e-3, 3.0, 2, label="num_steps = 2: start_lr, then end_lr"),
        _case(1, 1e-3, 3.0, 2, label="num_steps = 2: start_lr, then end_lr"),
        _case(7, 1e-6, 1e-6, 20, label="start_lr = end_lr: a constant lr"),
        _case(137, 1e-8, 100.0, 300, label="a long sweep over ten decades"),
    ]


def random_cases(rng) -> list[Case]:
    cases = []
    for _ in range(3):
        start_lr = 10 ** rng.uniform(-8, -3)
        end_lr = 10 ** rng.uniform(-1, 1.5)
        num_steps = rng.randint(20, 500)
        steps = {0, 1, num_steps - 2, num_steps - 1} | {rng.randrange(num_steps) for _ in range(6)}
        cases += [_case(s, start_lr, end_lr, num_steps, label="random") for s in sorted(steps)]
    return cases


def expected(cases: list[Case]) -> list[float]:
    return lr_at(cases, range_test_lr, range_test_trace, at="step")


def _sweep(step, start_lr=1e-7, end_lr=10.0, num_steps=100, *, steps_to_end=lambda n: n - 1,
           shift=0, shape="exp", fixed=None, divide=lambda a, b: a / b):
    """range_test_lr with one part swapped for a known wrong one."""
    params = {"start_lr": start_lr, "end_lr": end_lr, "num_steps": num_steps, **(fixed or {})}
    start_lr, end_lr, num_steps = params["start_lr"], params["end_lr"], params["num_steps"]
    progress = divide(step + shift, steps_to_end(num_steps))
    if shape == "no_start_factor":
        return (end_lr / start_lr) ** progress
    if shape == "end_not_ratio":
        return start_lr * end_lr**progress
    if shape == "linear":
        return start_lr + (end_lr - start_lr) * progress
    if shape == "end_only":
        return end_lr**progress
    if shape == "ratio_times_progress":
        return start_lr * (end_lr / start_lr) * progress
    if shape == "logspace":  # numpy.logspace(start, stop, num) takes exponents, not values
        return 10 ** (start_lr + (end_lr - start_lr) * progress)
    if shape == "downward":
        return end_lr * (start_lr / end_lr) ** progress
    return start_lr * (end_lr / start_lr) ** progress


def range_test_lr(step, start_lr=1e-7, end_lr=10.0, num_steps=100) -> float:
    """start_lr at step 0, end_lr at step num_steps - 1, the same factor in between."""
    return start_lr * (end_lr / start_lr) ** (step / (num_steps - 1))


MISTAKES = (
    Mistake.variant("divides_by_num_steps", "you divide the step by num_steps: the sweep then "
                    "never reaches end_lr (fastai's lr_find counts this way, but the contract, "
                    "like torch-lr-finder, puts end_lr at the last step, num_steps - 1): "
                    "progress = step / (num_steps - 1).", _sweep, steps_to_end=lambda n: n),
    Mistake.variant("one_step_ahead", "your sweep is one step ahead: step 0 must train at "
                    "start_lr itself, so the exponent is step / (num_steps - 1), not "
                    "(step + 1) / (num_steps - 1).", _sweep, shift=1),
    Mistake.variant("linear_sweep", "this is a linear sweep, start_lr + (end_lr - start_lr) * "
                    "progress: from 1e-7 to 10 in 100 steps its second step is already 0.1, so "
                    "all the small lrs get one step. The range test's sweep is exponential: "
                    "start_lr * (end_lr / start_lr) ** progress.", _sweep, shape="linear"),
    Mistake.variant("end_lr_only", "you raise end_lr alone to the power: end_lr ** progress "
                    "starts at 1, not start_lr. Raise the RATIO end_lr / start_lr and multiply "
                    "by start_lr.", _sweep, shape="end_only"),
    Mistake.variant("ratio_times_progress", "you multiply by the progress instead of raising to "
                    "it: start_lr * (end_lr / start_lr) * progress is 0 at step 0 and linear in "
                    "the step. The factor per step compounds: start_lr * (end_lr / start_lr) ** "
                    "progress.", _sweep, shape="ratio_times_progress"),
    Mistake.variant("logspace_of_values", "numpy.logspace(start, stop, num) takes EXPONENTS: "
                    "logspace(start_lr, end_lr, ...) sweeps 10**start_lr to 10**end_lr. Use "
                    "numpy.geomspace(start_lr, end_lr, num_steps), or logspace(log10(start_lr), "
                    "log10(end_lr), num_steps).", _sweep, shape="logspace"),
    Mistake.variant("one_step_behind", "your sweep is one step behind: step 0 must train at "
                    "start_lr itself, so the exponent is step / (num_steps - 1), not "
                    "(step - 1) / (num_steps - 1).", _sweep, shift=-1),
    Mistake.variant("ends_one_step_early", "your sweep reaches end_lr at step num_steps - 2 and "
                    "goes past it on the last step: the last of num_steps steps is step "
                    "num_steps - 1, so progress = step / (num_steps - 1).", _sweep,
                    steps_to_end=lambda n: n - 2),
    Mistake.variant("step_as_exponent", "you raise the ratio to the step itself: (end_lr / "
                    "start_lr) ** step overshoots end_lr from step 2 on. Raise it to the "
                    "progress, step / (num_steps - 1), which goes from 0 to 1.", _sweep,
                    steps_to_end=lambda n: 1),
    Mistake.variant("integer_division", "step // (num_steps - 1) is 0 until the last step: the "
                    "lr sits at start_lr, then jumps to end_lr. Use true division, step / "
                    "(num_steps - 1).", _sweep, divide=lambda a, b: a // b),
    Mistake.variant("no_start_lr_factor", "your sweep starts at 1: (end_lr / start_lr) ** "
                    "progress is the factor the lr has grown by; multiply it by start_lr.",
                    _sweep, shape="no_start_factor"),
    Mistake.variant("end_lr_not_divided", "you raise end_lr, not the ratio end_lr / start_lr: "
                    "start_lr * end_lr ** progress ends at start_lr * end_lr. The lr grows by "
                    "the factor end_lr / start_lr over the sweep.", _sweep, shape="end_not_ratio"),
    Mistake.variant("start_lr_ignored", "your sweep starts at 1e-7 whatever start_lr is: use the "
                    "start_lr argument, not its default.", _sweep, fixed={"start_lr": 1e-7}),
    Mistake.variant("end_lr_ignored", "your sweep ends at 10 whatever end_lr is: use the end_lr "
                    "argument, not its default.", _sweep, fixed={"end_lr": 10.0}),
    Mistake.variant("num_steps_ignored", "your sweep takes 100 steps whatever num_steps is: use "
                    "the num_steps argument, not its default.", _sweep,
                    fixed={"num_steps": 100}),
    Mistake.variant("sweeps_downward", "your sweep goes down, from end_lr to start_lr: a range "
                    "test starts small and raises the lr until the loss blows up.", _sweep,
                    shape="downward"),
)

HINTS = (
    "Each step multiplies the lr by the same factor gamma. After num_steps - 1 steps the lr "
    "must have grown from start_lr to end_lr: gamma ** (num_steps - 1) = end_lr / start_lr.",
    "So gamma = (end_lr / start_lr) ** (1 / (num_steps - 1)), and after `step` steps the lr is "
    "start_lr * gamma ** step. Check: step 0 gives start_lr, step num_steps - 1 gives end_lr.",
    "lr = start_lr * (end_lr / start_lr) ** (step / (num_steps - 1)). With the defaults, "
    "step 50 gives about 1.1e-3 (the lrs are evenly spaced on a log axis).",
)

EXERCISE = Exercise(solution=range_test_lr, notebook="14_lr_range_test",
                    reference=schedules.range_test_lr, edge_cases=edge_cases,
                    random_cases=random_cases, expected=expected, mistakes=MISTAKES, hints=HINTS)

