"""What an exercise is: its cases, how answers are obtained, the oracle, known mistakes."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from course_utils.answers import AnswerError, describe, to_float


@dataclass(frozen=True)
class Case:
    """One input the check tries. `args` are passed positionally, after any `setup` object.

    `setup` holds plain data the exercise needs besides the arguments (for a scheduler
    factory: the param groups' base lrs and how many steps to run). `scale` is the size
    of the schedule (its peak lr): tolerances are relative to it.
    """

    args: tuple
    scale: float
    label: str = ""
    setup: dict = field(default_factory=dict)
    kwargs: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Outcome:
    """What a learner's code gave for one case: a value, or why there is none.

    kind: "value", "not_implemented" (the stub), "exception" (their code raised),
    "bad_answer" (returned something that is not a number).
    """

    kind: str
    value: Any = None
    error_type: str = ""
    error: str = ""

    def to_json(self) -> dict:
        return {"kind": self.kind, "value": self.value, "error_type": self.error_type,
                "error": self.error}

    @classmethod
    def from_json(cls, data: dict) -> "Outcome":
        kind = data.get("kind")
        if kind not in ("value", "not_implemented", "exception", "bad_answer"):
            raise ValueError(f"unknown outcome kind {kind!r}")
        return cls(kind, data.get("value"), str(data.get("error_type", "")),
                   str(data.get("error", ""))[:500])


@dataclass(frozen=True)
class Mistake:
    """A known wrong implementation and what to tell a learner whose answers match it."""

    key: str
    message: str
    implementation: Callable


@dataclass(frozen=True)
class Exercise:
    """An exercise of the course (see DESIGN.md, "Exercises and checks")."""

    name: str
    notebook: str
    signature: str
    points: int
    oracle: str
    edge_cases: Callable[[], list[Case]]
    random_cases: Callable[[Any], list[Case]]
    expected: Callable[[Sequence[Case]], list[Any]]
    describe_case: Callable[[Case], str]
    reference: Callable  # the library's validated implementation
    solution: Callable  # a short, clean model answer shown by solution(name)
    mistakes: tuple[Mistake, ...]
    hints: tuple[str, ...]
    returns_trace: bool = False  # answers are lr traces (scheduler factories), not floats
    returns_list: bool = False  # answers are lists of floats (one lr per call), not floats

    def __post_init__(self):
        keys = [mistake.key for mistake in self.mistakes]
        repeated = sorted({key for key in keys if keys.count(key) > 1})
        if repeated:  # a key names one diagnosis: CheckResult.mistake and grade rows use it
            raise ValueError(f"{self.name}: mistake key(s) used twice: {', '.join(repeated)}")

    def cases(self, rng) -> list[Case]:
        """Edge cases, then inputs drawn from `rng` (fresh on every check)."""
        return self.edge_cases() + self.random_cases(rng)

    def answer(self, obj: Callable, case: Case):
        """The learner's answer for one case as plain numbers (raises whatever their code does)."""
        if self.returns_trace:
            return run_scheduler_factory(obj, case)
        if self.returns_list:
            return to_float_list(obj(*case.args, **case.kwargs))
        return to_float(obj(*case.args, **case.kwargs))

    def evaluate(self, obj: Callable, case: Case) -> Outcome:
        """Run `obj` on one case and turn what happens into an Outcome (never raises)."""
        try:
            value = self.answer(obj, case)
        except NotImplementedError:
            return Outcome("not_implemented")
        except AnswerError as exc:
            return Outcome("bad_answer", error=str(exc))
        except RecursionError:
            return Outcome("exception", error_type="RecursionError",
                           error="maximum recursion depth exceeded")
        except Exception as exc:  # the learner's code: anything can happen
            return Outcome("exception", error_type=type(exc).__name__, error=_safe_str(exc))
        return Outcome("value", value)


def _safe_str(exc: BaseException) -> str:
    try:
        text = str(exc)
    except Exception:
        text = "<unprintable>"
    return text if len(text) <= 300 else text[:297] + "..."


def to_float_list(value) -> list[float]:
    """A list, tuple or 1-d array of numbers as a list of floats, else an AnswerError (why)."""
    if value is None:
        raise AnswerError("returned None: did you forget a `return` statement?")
    if isinstance(value, str | bytes | dict | set):
        raise AnswerError(f"returned {describe(value)}; return a list of numbers")
    if getattr(value, "ndim", 1) != 1 or not hasattr(value, "__len__"):
        raise AnswerError(f"returned {describe(value)}; return a list with one lr per call")
    values = list(value)
    for i, item in enumerate(values):
        try:
            values[i] = to_float(item)
        except AnswerError:
            raise AnswerError(f"returned a list whose item {i} is {describe(item)}; every item "
                              "must be a number (an lr)") from None
    return values


def run_scheduler_factory(factory: Callable, case: Case) -> list[list[float]]:
    """Build an optimizer with the case's param groups, call factory(optimizer, *args),
    step it case.setup["n_steps"] times and return every group's lr after each step."""
    import torch

    from course_utils.torch_traces import make_optimizer

    optimizer = make_optimizer(case.setup["base_lrs"])
    scheduler = factory(optimizer, *case.args, **case.kwargs)
    if not isinstance(scheduler, torch.optim.lr_scheduler.LRScheduler):
        raise AnswerError(
            f"returned {describe(scheduler)}; return a torch scheduler, e.g. "
            "torch.optim.lr_scheduler.LambdaLR(optimizer, ...)"
        )
    if scheduler.optimizer is not optimizer:
        raise AnswerError("returned a scheduler attached to another optimizer; use the one given")
    trace = [[to_float(g["lr"]) for g in optimizer.param_groups]]
    for _ in range(case.setup["n_steps"]):
        optimizer.step()
        scheduler.step()
        trace.append([to_float(g["lr"]) for g in optimizer.param_groups])
    return trace
