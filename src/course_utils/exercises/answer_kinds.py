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


@dataclass(frozen=True)
class PerParameter(AnswerKind):
    """What an optimizer built from the learner's param groups applies to each parameter of a
    model the check builds (layerwise_param_groups).

    run(obj, case) -> {"lr": [...], "weight_decay": [...], "count": [...], "foreign": n}: one
    entry per parameter, in the order of parameters(case); count is how many groups hold it,
    lr and weight_decay are None where it is in no group or in several; foreign counts tensors
    in the groups that are not parameters of the model. parameters(case) -> [(how a message
    names the parameter, requires_grad)], computed in the judging process.
    """

    run: Callable[[Callable, Case], dict]
    parameters: Callable[[Case], list[tuple[str, bool]]]

    def collect(self, obj, case):
        return self.run(obj, case)

    def valid(self, value) -> bool:
        if not isinstance(value, dict) or set(value) != {"lr", "weight_decay", "count", "foreign"}:
            return False
        lrs, wds, counts = value["lr"], value["weight_decay"], value["count"]
        if not all(isinstance(v, list) and len(v) <= 10_000 for v in (lrs, wds, counts)):
            return False
        return (len(lrs) == len(wds) == len(counts)
                and all(v is None or _is_number(v) for v in lrs + wds)
                and all(isinstance(c, int) and not isinstance(c, bool) and c >= 0
                        for c in counts)
                and isinstance(value["foreign"], int) and not isinstance(value["foreign"], bool)
                and value["foreign"] >= 0)

    def mismatch(self, case, expected, got):
        if not self.valid(got) or len(got["count"]) != len(expected["count"]):
            return Mismatch("the settings of each parameter", "one entry per parameter", got)
        if got["foreign"]:
            return Mismatch("tensors in your groups that are not parameters of layers or head",
                            0, got["foreign"])
        names = self.parameters(case)
        for (name, trainable), want, count in zip(names, expected["count"], got["count"],
                                                  strict=True):
            if count != want:
                note = "" if trainable else " (requires_grad=False)"
                return Mismatch(f"how many groups hold {name}{note}", want, count)
        for key in ("lr", "weight_decay"):
            for (name, _), want, value in zip(names, expected[key], got[key], strict=True):
                if want is not None and (value is None or not close(want, value, abs(want))):
                    return Mismatch(f"the {key} AdamW applies to {name}", want, value)
        return None

    def numbers(self, case, value):
        """Every parameter's count, lr and weight decay, and the foreign count, as numbers with
        their tolerance scales (None as -1), to compare two answers number by number."""
        if not self.valid(value):
            return None

        def number(v):
            return -1.0 if v is None else float(v)

        return ([(float(c), 1.0) for c in value["count"]]
                + [(number(v), case.scale) for v in value["lr"]]
                + [(number(v), 1.0) for v in value["weight_decay"]]
                + [(float(value["foreign"]), 1.0)])


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
