"""What an exercise's answer is: how to get it from the learner's code as plain numbers, which
shapes may come back from the sandbox, and where it first differs from torch's."""

from collections.abc import Callable
from dataclasses import dataclass

from course_utils.answers import AnswerError, describe, to_float, to_float_list
from course_utils.cases import Case
from course_utils.verdict import Mismatch, close


def _is_number(x) -> bool:
    return isinstance(x, int | float) and not isinstance(x, bool)


class AnswerKind:
    """The interface: collect (learner's code -> plain numbers), valid, mismatch."""

    def collect(self, obj: Callable, case: Case):
        """The learner's answer for one case as plain numbers (raises whatever their code does,
        or an AnswerError saying why the answer is unusable)."""
        raise NotImplementedError

    def valid(self, value) -> bool:
        """Is `value` (from the sandbox: untrusted) plain numbers in this answer's shape?"""
        raise NotImplementedError

    def mismatch(self, case: Case, expected, got) -> Mismatch | None:
        """None when `got` agrees with `expected` within the tolerance, else where it differs."""
        raise NotImplementedError

    def numbers(self, case: Case, value) -> list[tuple[float, float]] | None:
        """The answer's numbers, each with its tolerance scale, for comparing two answers
        number by number (diagnose); None when the answer is compared as a whole."""
        return None


class Returned(AnswerKind):
    """An answer the learner's function returns: convert(obj(*case.args, **case.kwargs))."""

    convert: Callable = staticmethod(to_float)

    def collect(self, obj, case):
        args, kwargs = case.call_args()
        return self.convert(obj(*args, **kwargs))


@dataclass(frozen=True)
class Number(Returned):
    """One lr per call: obj(*case.args) returns a number."""

    def valid(self, value) -> bool:
        return _is_number(value)

    def mismatch(self, case, expected, got):
        return None if close(expected, got, case.scale) else Mismatch("", expected, got)

    def numbers(self, case, value):
        return [(value, case.scale)] if _is_number(value) else None


@dataclass(frozen=True)
class PerCall(Returned):
    """A list with one lr per call of the scheduler (reduce_on_plateau: one per step(loss))."""

    convert = staticmethod(to_float_list)

    def valid(self, value) -> bool:
        return isinstance(value, list) and all(_is_number(v) for v in value)

    def mismatch(self, case, expected, got):
        if not isinstance(got, list) or len(got) != len(expected):
            n_got = len(got) if isinstance(got, list) else f"a {type(got).__name__}"
            return Mismatch("the number of lrs (one per call)", len(expected), n_got)
        for k, (e, v) in enumerate(zip(expected, got, strict=True), start=1):
            if not _is_number(v) or not close(e, v, case.scale):
                return Mismatch(f"the lr after call {k}", e, v, (k - 1,))
        return None

    def numbers(self, case, value):
        return [(v, case.scale) for v in value] if self.valid(value) else None


@dataclass(frozen=True)
class Trace(AnswerKind):
    """Every param group's lr after each step: `run(obj, case)` drives the learner's code
    through a real optimizer whose base lrs are case.setup["base_lrs"]."""

    run: Callable[[Callable, Case], list[list[float]]]

    def collect(self, obj, case):
        return self.run(obj, case)

    def valid(self, value) -> bool:
        return isinstance(value, list) and all(
            isinstance(row, list) and all(_is_number(v) for v in row) for row in value)

    def mismatch(self, case, expected, got):
        if not isinstance(got, list) or len(got) != len(expected):
            return Mismatch("the lr trace", "a trace", got)
        for t, (row_exp, row_got) in enumerate(zip(expected, got, strict=True)):
            if not isinstance(row_got, list) or len(row_got) != len(row_exp):
                return Mismatch(f"after {t} steps", row_exp, row_got, (t,))
            for g, (e, v, base) in enumerate(zip(row_exp, row_got, case.setup["base_lrs"],
                                                 strict=True)):
                if not _is_number(v) or not close(e, v, base):
                    return Mismatch(f"group {g}'s lr after {t} steps", e, v, (t, g))
        return None

    def numbers(self, case, value):
        bases = case.setup["base_lrs"]
        if not self.valid(value) or any(len(row) != len(bases) for row in value):
            return None
        return [(v, base) for row in value for v, base in zip(row, bases, strict=True)]


def run_scheduler_factory(factory: Callable, case: Case) -> list[list[float]]:
    """Build an optimizer with the case's param groups, call factory(optimizer, *args),
    step it case.setup["n_steps"] times and return every group's lr after each step."""
    import torch

    from course_utils.torch_traces import make_optimizer

    optimizer = make_optimizer(case.setup["base_lrs"])
    args, kwargs = case.call_args()
    scheduler = factory(optimizer, *args, **kwargs)
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


NUMBER = Number()
PER_CALL = PerCall()
SCHEDULER_TRACE = Trace(run_scheduler_factory)
