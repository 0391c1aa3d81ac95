"""Exercise `get_warmup_cosine_scheduler`: the warmup + cosine schedule as a torch LambdaLR.

Oracle: warmup_cosine_schedule(t, warmup_steps, total_steps, group's base lr, min_lr) as its
exercise's oracle computes it (torch's LinearLR and CosineAnnealingLR), for every param group of
a real SGD optimizer stepped by the learner's scheduler.
"""

import functools
import math
from typing import TYPE_CHECKING

from course_utils import schedules
from course_utils.cases import Case
from course_utils.exercises import warmup
from course_utils.exercises.answer_kinds import SCHEDULER_TRACE
from course_utils.exercises.base import Exercise, Mistake

if TYPE_CHECKING:
    import torch


def _case(base_lrs, warmup, total, min_lr=None, label="", extra=5) -> Case:
    args = (warmup, total) if min_lr is None else (warmup, total, min_lr)
    setup = {"base_lrs": list(base_lrs), "n_steps": total + extra}
    return Case(args, max(base_lrs), label, setup)


def edge_cases() -> list[Case]:
    return [
        _case([0.1], 10, 100, None, "one group, default min_lr = 0"),
        _case([0.1, 0.01, 0.003], 10, 60, 1e-4, "three param groups, min_lr > 0"),
        _case([0.05, 0.2], 0, 40, 1e-3, "warmup_steps = 0"),
        _case([0.1, 0.02], 30, 30, 1e-3, "warmup_steps = total_steps"),
        _case([0.3], 1, 20, 0.01, "warmup_steps = 1", extra=25),
    ]


def random_cases(rng) -> list[Case]:
    cases = []
    for _ in range(2):
        n_groups = rng.randint(1, 3)
        base_lrs = [10 ** rng.uniform(-3.5, -0.5) for _ in range(n_groups)]
        total = rng.randint(20, 200)
        warmup = rng.randint(1, total // 2)
        min_lr = min(base_lrs) * 10 ** rng.uniform(-3, -0.5)
        cases.append(_case(base_lrs, warmup, total, min_lr, "random", extra=rng.randint(1, 30)))
    return cases


def expected(cases: list[Case]) -> list[list[list[float]]]:
    """Every group's lr after t = 0 .. n_steps steps, from warmup_cosine_schedule's oracle."""
    points, shapes = [], []
    for case in cases:
        warmup_steps, total_steps, *rest = case.args
        min_lr = rest[0] if rest else 0.0
        base_lrs, n = case.setup["base_lrs"], case.setup["n_steps"]
        points += [Case((t, warmup_steps, total_steps, b, min_lr), b)
                   for t in range(n + 1) for b in base_lrs]
        shapes.append((n + 1, len(base_lrs)))
    flat = iter(warmup.expected(points))
    return [[[next(flat) for _ in range(g)] for _ in range(rows)] for rows, g in shapes]


def expected_source(case: Case, mismatch) -> str:
    """torch, but for the course's rules (clamp, 0 at step 0) at that step of that group."""
    if len(mismatch.position) != 2:
        return "torch"
    t, group = mismatch.position
    warmup_steps, total_steps, *rest = case.args
    base_lr = case.setup["base_lrs"][group]
    return warmup.source_at(t, warmup_steps, total_steps, base_lr, rest[0] if rest else 0.0)


def describe(case: Case) -> str:
    base_lrs = [float(f"{b:.4g}") for b in case.setup["base_lrs"]]
    names = ("warmup_steps", "total_steps", "min_lr")
    args = ", ".join(f"{k}={v!r}" for k, v in zip(names, case.args, strict=False))
    text = f"get_warmup_cosine_scheduler(optimizer with base lrs {base_lrs}, {args})"
    return f"{text}  [{case.label}]" if case.label else text


def _lambda_lr(optimizer, factor_for_group):
    import torch

    return torch.optim.lr_scheduler.LambdaLR(
        optimizer, [factor_for_group(g["lr"]) for g in optimizer.param_groups]
    )


def seed_version(optimizer, warmup_steps, total_steps, min_lr=0.0):
    """The seed lesson's function, as published."""
    import torch

    def schedule(step):
        if step < warmup_steps:
            return step / warmup_steps
        progress = (step - warmup_steps) / (total_steps - warmup_steps)
        return 0.5 * (1 + math.cos(math.pi * progress))

    return torch.optim.lr_scheduler.LambdaLR(optimizer, schedule)


def decays_to_zero(optimizer, warmup_steps, total_steps, min_lr=0.0):
    return _lambda_lr(optimizer, lambda base: lambda s: schedules.warmup_cosine_factor(
        s, warmup_steps, total_steps, 0.0))


def absolute_lr(optimizer, warmup_steps, total_steps, min_lr=0.0):
    import torch

    max_lr = optimizer.param_groups[0]["lr"]
    return torch.optim.lr_scheduler.LambdaLR(optimizer, lambda s: schedules.warmup_cosine_schedule(
        s, warmup_steps, total_steps, max_lr, min_lr))


def first_group_ratio(optimizer, warmup_steps, total_steps, min_lr=0.0):
    ratio = min_lr / optimizer.param_groups[0]["lr"]
    return _lambda_lr(optimizer, lambda base: lambda s: schedules.warmup_cosine_factor(
        s, warmup_steps, total_steps, ratio))


def min_lr_as_ratio(optimizer, warmup_steps, total_steps, min_lr=0.0):
    return _lambda_lr(optimizer, lambda base: lambda s: schedules.warmup_cosine_factor(
        s, warmup_steps, total_steps, min_lr))


def _from_schedule(optimizer, warmup_steps, total_steps, min_lr=0.0, *, swaps: dict):
    """A LambdaLR whose factor for a group with base lr b is warmup_cosine_schedule's known
    wrong variant `swaps` with max_lr = 1 and min_lr = min_lr / b."""
    return _lambda_lr(optimizer, lambda base: lambda s: warmup.variant(
        s, warmup_steps, total_steps, 1.0, min_lr / base, **swaps))


def _from_schedule_mistakes() -> tuple[Mistake, ...]:
    """warmup_cosine_schedule's known mistakes, made in the factor a LambdaLR multiplies by each
    group's base lr (the max_lr of those messages); forgot_min_lr is decays_to_zero here."""
    return tuple(
        Mistake(known.key, "in lr terms (each group's lr is its base lr, the max_lr below, "
                "times your factor): " + known.message,
                functools.partial(_from_schedule, swaps=known.implementation.keywords))
        for known in warmup.MISTAKES
        if getattr(known.implementation, "func", None) is warmup.variant
        and known.key != "forgot_min_lr")


def get_warmup_cosine_scheduler(optimizer, warmup_steps, total_steps,
                                min_lr=0.0) -> "torch.optim.lr_scheduler.LambdaLR":
    """LambdaLR: linear warmup, cosine decay to min_lr, for every param group."""
    import torch

    def factor_for(base_lr):
        ratio = min_lr / base_lr  # LambdaLR multiplies: the factor ends at min_lr / base_lr

        def factor(step):
            if step >= total_steps:
                return ratio
            if step < warmup_steps:
                return step / warmup_steps
            progress = (step - warmup_steps) / max(1, total_steps - warmup_steps)
            return ratio + (1 - ratio) * 0.5 * (1 + math.cos(math.pi * progress))

        return factor

    factors = [factor_for(group["lr"]) for group in optimizer.param_groups]
    return torch.optim.lr_scheduler.LambdaLR(optimizer, factors)


MISTAKES = (
    Mistake("seed_version", "this is the seed lesson's LambdaLR: it decays to 0 instead of "
            "min_lr and divides by zero when warmup_steps == total_steps. Use the factor "
            "r + (1 - r) * (1 + cos(π·progress)) / 2 with r = min_lr / base_lr, and "
            "max(1, total_steps - warmup_steps).", seed_version),
    Mistake("decays_to_zero", "your scheduler decays to 0 instead of min_lr: LambdaLR "
            "multiplies the base lr by your factor, so the factor must end at "
            "min_lr / base_lr, not 0.", decays_to_zero),
    Mistake("lambda_returns_absolute_lr", "your lambda returns an absolute lr, but LambdaLR "
            "multiplies it by the group's base lr (lr = base_lr * factor): return a factor "
            "between min_lr / base_lr and 1.", absolute_lr),
    Mistake("first_group_ratio", "you compute min_lr / base_lr from the first param group only; "
            "each group has its own base lr: pass LambdaLR one lambda per group. (A common "
            "ratio keeps the groups' ratio and is a valid design, shown in 07 §6, but this "
            "exercise's contract is one absolute min_lr for every group.)", first_group_ratio),
    Mistake("min_lr_as_factor", "you used min_lr as the final factor, but LambdaLR multiplies "
            "by base_lr: the final factor is min_lr / base_lr.", min_lr_as_ratio),
    *_from_schedule_mistakes(),
)

HINTS = (
    "LambdaLR sets lr = base_lr * factor(step). So your lambda returns a multiplier: "
    "step / warmup_steps during warmup, and a cosine that ends at min_lr / base_lr.",
    "Each param group has its own base lr, so min_lr / base_lr differs per group: pass "
    "LambdaLR a list with one lambda per group (optimizer.param_groups[i]['lr']).",
    "Decay factor: r + (1 - r) * (1 + cos(π·p)) / 2 with r = min_lr / base_lr and "
    "p = (step - warmup_steps) / max(1, total_steps - warmup_steps); return r once "
    "step >= total_steps.",
)

EXERCISE = Exercise(solution=get_warmup_cosine_scheduler, notebook="07_warmup_cosine",
                    reference=schedules.get_warmup_cosine_scheduler, edge_cases=edge_cases,
                    random_cases=random_cases, expected=expected, mistakes=MISTAKES, hints=HINTS,
                    returns=SCHEDULER_TRACE, describe_case=describe,
                    expected_source=expected_source)
