"""Composed schedules in closed form: SequentialLR (one child at a time, each from its own step
0) and ChainedScheduler (every child at every step), and torch schedulers built from specs.

A child is a spec, the same as a rehearsal oracle's: {"scheduler": torch class name,
"kwargs": {...}} (e.g. {"scheduler": "LinearLR", "kwargs": {"start_factor": 0.1}}).
"""

from bisect import bisect_right
from collections.abc import Callable, Mapping, Sequence

from course_utils.schedules.arguments import above_zero, at_least, number
from course_utils.schedules.decay import (
    cosine_annealing_lr,
    exponential_lr,
    linear_lr,
    multistep_lr,
    polynomial_lr,
    step_lr,
)
from course_utils.schedules.factors import constant_lr, lambda_lr, multiplicative_lr

# torch class -> closed form fn(t, base_lr, **kwargs), for a child that computes its lr from
# base_lr and its own step count (torch's _get_closed_form_lr, or LambdaLR's get_lr).
CLOSED_FORMS: dict[str, Callable[..., float]] = {
    "LambdaLR": lambda_lr,
    "StepLR": step_lr,
    "MultiStepLR": multistep_lr,
    "ConstantLR": constant_lr,
    "LinearLR": linear_lr,
    "ExponentialLR": exponential_lr,
    "PolynomialLR": polynomial_lr,
    "CosineAnnealingLR": cosine_annealing_lr,
}
# Children whose step() multiplies the current lr by the ratio of consecutive factors: in a
# chain their factors multiply. LambdaLR instead sets base_lr * f(t): it overwrites.
MULTIPLYING = ("MultiplicativeLR", "StepLR", "MultiStepLR", "ConstantLR", "LinearLR",
               "ExponentialLR", "PolynomialLR", "CosineAnnealingLR")
OVERWRITING = ("LambdaLR",)


class Child(dict):
    """A child spec, {"scheduler": name, "kwargs": {...}}, that prints as the call it stands for:
    Child("LinearLR", start_factor=0.1) shows as LinearLR(start_factor=0.1)."""

    def __init__(self, scheduler: str, **kwargs):
        super().__init__(scheduler=scheduler, kwargs=kwargs)

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self["kwargs"].items())
        return f"{self['scheduler']}({args})"


def _spec(spec) -> tuple[str, dict]:
    if not isinstance(spec, Mapping) or not isinstance(spec.get("scheduler"), str):
        raise ValueError(f"a child scheduler is {{'scheduler': name, 'kwargs': {{...}}}}, "
                         f"got {spec!r}")
    kwargs = spec.get("kwargs", {})
    if not isinstance(kwargs, Mapping):
        raise ValueError(f"{spec['scheduler']}: kwargs must be a dict, got {kwargs!r}")
    return spec["scheduler"], dict(kwargs)


def _children(schedulers) -> list[tuple[str, dict]]:
    if isinstance(schedulers, str | bytes | Mapping) or not isinstance(schedulers, Sequence):
        raise ValueError(f"schedulers must be a list of specs, got {schedulers!r}")
    if not schedulers:
        raise ValueError("schedulers must name at least one scheduler")
    return [_spec(s) for s in schedulers]


def _whole(name: str, value) -> int:
    value = at_least(name, value, 0)
    if value != int(value):
        raise ValueError(f"{name} must be a whole number, got {value!r}")
    return int(value)


def child_lr(spec, t, base_lr) -> float:
    """The lr a child computes from base_lr after t of its own steps (its closed form)."""
    name, kwargs = _spec(spec)
    if name == "MultiplicativeLR":
        return multiplicative_lr(t, base_lr, **kwargs)
    if name not in CLOSED_FORMS:
        raise ValueError(f"no closed form for {name!r} here; known: "
                         f"{', '.join([*CLOSED_FORMS, 'MultiplicativeLR'])}")
    return CLOSED_FORMS[name](t, base_lr, **kwargs)


def sequential_lr(t, base_lr, schedulers, milestones) -> float:
    """SequentialLR after t steps: the child in charge at t runs at its own step t - m (m: the
    milestone it started at, 0 for the first), from base_lr.

    The exception is MultiplicativeLR, which has no closed form: at its milestone torch
    multiplies the lr the previous child left by lr_lambda(0), and it goes on from there.
    """
    t = _whole("t", t)
    base_lr = number("base_lr", base_lr)
    children = _children(schedulers)
    if isinstance(milestones, str | bytes) or not isinstance(milestones, Sequence):
        raise ValueError(f"milestones must be a list of steps, got {milestones!r}")
    marks = [_whole("milestone", m) for m in milestones]
    if len(marks) != len(children) - 1:
        raise ValueError(f"{len(children)} schedulers need {len(children) - 1} milestone(s), "
                         f"got {len(marks)}")
    if marks != sorted(marks):
        raise ValueError(f"milestones must be in increasing order, got {marks}")
    index = bisect_right(marks, t)
    start = marks[index - 1] if index > 0 else 0
    name, kwargs = children[index]
    if name == "MultiplicativeLR" and start > 0:
        handed_over = sequential_lr(start - 1, base_lr, schedulers, milestones)
        lr_lambda = kwargs["lr_lambda"]
        return multiplicative_lr(t - start, handed_over * number("lr_lambda(0)", lr_lambda(0)),
                                 lr_lambda)
    return child_lr({"scheduler": name, "kwargs": kwargs}, t - start, base_lr)


def _ratio(name: str, kwargs: dict, t: int) -> float:
    """What one step() of a multiplying child does to the lr at its step t (t = 0: its
    construction), as torch's recursive get_lr computes it."""
    if t == 0:
        return child_lr({"scheduler": name, "kwargs": kwargs}, 0, 1.0)
    before = child_lr({"scheduler": name, "kwargs": kwargs}, t - 1, 1.0)
    now = child_lr({"scheduler": name, "kwargs": kwargs}, t, 1.0)
    if before == 0:
        if now == 0:
            return 1.0  # torch leaves an lr of 0 at 0
        raise ValueError(f"{name} restarts from 0 at step {t}: no product form")
    return now / before


def chained_lr(t, base_lr, schedulers) -> float:
    """ChainedScheduler after t steps: every child steps, in order, at every step.

    Multiplying children (MULTIPLYING) compound: lr = base_lr * product of their factors at t.
    An overwriting child (LambdaLR) sets base_lr * f(t), erasing what came before it in the
    list; a multiplying child after it then contributes only its one-step ratio, not its
    whole factor. So the order matters. CosineAnnealingLR needs eta_min = 0 and t <= T_max.
    """
    t = _whole("t", t)
    lr = number("base_lr", base_lr)
    children = _children(schedulers)
    for name, kwargs in children:
        if name not in MULTIPLYING + OVERWRITING:
            raise ValueError(f"no product form for {name!r} in a chain; known: "
                             f"{', '.join(MULTIPLYING + OVERWRITING)}")
        if name == "CosineAnnealingLR" and number("eta_min", kwargs.get("eta_min", 0.0)):
            raise ValueError("a chained CosineAnnealingLR with eta_min > 0 adds, not multiplies")
        if name == "CosineAnnealingLR" and t > above_zero("T_max", kwargs.get("T_max")):
            raise ValueError("past T_max a chained CosineAnnealingLR adds a term instead of "
                             "multiplying: no product form")
    last_overwrite = max((i for i, (name, _) in enumerate(children) if name in OVERWRITING),
                         default=-1)
    if last_overwrite < 0:
        for name, kwargs in children:
            lr *= child_lr({"scheduler": name, "kwargs": kwargs}, t, 1.0)
        return lr
    name, kwargs = children[last_overwrite]
    lr = child_lr({"scheduler": name, "kwargs": kwargs}, t, lr)
    for name, kwargs in children[last_overwrite + 1:]:
        lr *= _ratio(name, kwargs, t)
    return lr


def sequential_warmup_cosine_lr(step, base_lr, warmup_steps, milestone, T_max, start_factor=0.1,
                                eta_min=0.0) -> float:
    """SequentialLR([LinearLR(start_factor, 1.0, total_iters=warmup_steps),
    CosineAnnealingLR(T_max, eta_min)], milestones=[milestone]) after `step` steps."""
    warmup = {"scheduler": "LinearLR", "kwargs": {"start_factor": start_factor, "end_factor": 1.0,
                                                  "total_iters": above_zero("warmup_steps",
                                                                            warmup_steps)}}
    decay = {"scheduler": "CosineAnnealingLR", "kwargs": {"T_max": T_max, "eta_min": eta_min}}
    return sequential_lr(step, base_lr, [warmup, decay], [milestone])


def sequential_scheduler(optimizer, schedulers, milestones):
    """torch's SequentialLR over children built from specs on `optimizer`."""
    from course_utils.torch_traces import scheduler_from_spec

    spec = {"scheduler": "SequentialLR",
            "kwargs": {"schedulers": list(schedulers), "milestones": list(milestones)}}
    return scheduler_from_spec(optimizer, spec)


def chained_scheduler(optimizer, schedulers):
    """torch's ChainedScheduler over children built from specs on `optimizer`."""
    from course_utils.torch_traces import scheduler_from_spec

    return scheduler_from_spec(optimizer, {"scheduler": "ChainedScheduler",
                                           "kwargs": {"schedulers": list(schedulers)}})
