"""The verdict on a learner's answers: the case loop, tolerance, mismatch, diagnosis, CheckResult.

Trusted code, shared by the notebook check (checks.run_check) and the grader (grading.grade);
it never imports either, nor anything that displays.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple, get_args

from course_utils.cases import Case, Outcome

Status = Literal["passed", "failed", "not_attempted", "error"]
STATUSES: tuple[str, ...] = get_args(Status)
RELATIVE_TOLERANCE = 1e-6  # of the schedule's scale (its peak lr): float32-exact code passes


@dataclass
class CheckResult:
    """The verdict on one exercise. `message` is plain text a learner can act on."""

    name: str
    status: Status
    message: str
    mistake: str | None = None
    n_cases: int = 0
    seed: int | None = None
    details: dict = field(default_factory=dict)

    @property
    def passed(self) -> bool:
        return self.status == "passed"

    def __str__(self) -> str:
        return self.message

    def _repr_pretty_(self, printer, cycle) -> None:
        printer.text(self.message)


class Mismatch(NamedTuple):
    """Where an answer first differs from torch's ("" for the whole answer), and both values."""

    where: str
    expected: Any
    got: Any


def close(expected: float, got: float, scale: float) -> bool:
    return abs(got - expected) <= RELATIVE_TOLERANCE * abs(scale) + 1e-15


def run_cases(exercise, obj, cases: Sequence[Case], report: Callable[[Outcome], None],
              also_catch: tuple[type[BaseException], ...] = ()) -> None:
    """Evaluate `obj` on each case in order and report each Outcome; stop after the stub.

    Exceptions the learner's code raises become outcomes (exercise.evaluate); `also_catch`
    adds BaseExceptions to treat the same way (the grader's sandbox: SystemExit and the like).
    """
    for case in cases:
        try:
            outcome = exercise.evaluate(obj, case)
        except also_catch as exc:
            outcome = Outcome.from_exception(exc)
        report(outcome)
        if outcome.kind == "not_implemented":
            break


def pad_after_stub(outcomes: Sequence[Outcome], n_cases: int) -> list[Outcome]:
    """One outcome per case: after the stub's NotImplementedError, the rest are the same."""
    return [*outcomes, *[Outcome("not_implemented")] * (n_cases - len(outcomes))]


def mismatch(exercise, case: Case, expected, outcome: Outcome) -> Mismatch | None:
    """None when the outcome is right, else where it first differs from `expected`."""
    if outcome.kind != "value":
        return Mismatch("", expected, None)
    return exercise.returns.mismatch(case, expected, outcome.value)


def _same(exercise, case: Case, a: Outcome, b: Outcome) -> bool:
    """Do two outcomes agree (values within tolerance, or the same kind of failure)?"""
    if a.kind != b.kind:
        return False
    if a.kind == "exception":
        return a.error_type == b.error_type
    if a.kind != "value":
        return True
    return mismatch(exercise, case, a.value, b) is None


def diagnose(exercise, cases: Sequence[Case], outcomes: Sequence[Outcome], first_bad: int):
    """The known mistake that best explains the learner's outcomes, or None.

    A mistake qualifies when its (trusted) implementation gives what the learner gave on the
    first failing input; among those, the one agreeing with the learner on most inputs wins.
    """
    best, best_score = None, -1
    for known in exercise.mistakes:
        first = exercise.evaluate(known.implementation, cases[first_bad])
        if not _same(exercise, cases[first_bad], first, outcomes[first_bad]):
            continue
        score = sum(
            _same(exercise, case, exercise.evaluate(known.implementation, case), outcome)
            for case, outcome in zip(cases, outcomes, strict=True)
        )
        if score > best_score:
            best, best_score = known, score
    return best


def _fmt(x) -> str:
    return f"{x:.10g}" if isinstance(x, float) else repr(x)


def judge(exercise, cases: Sequence[Case], outcomes: Sequence[Outcome],
          seed: int | None = None) -> CheckResult:
    """Compare outcomes (from any process) with torch's expected values. Trusted code only."""
    name = exercise.name
    if any(o.kind == "not_implemented" for o in outcomes):
        return CheckResult(
            name, "not_attempted",
            f"{name}: not attempted yet (it still raises NotImplementedError). Replace "
            "`raise NotImplementedError` with your code and run the check again; "
            f"hint('{name}') helps.", n_cases=len(cases), seed=seed)
    expected = exercise.expected(list(cases))
    bad = [i for i, (c, e, o) in enumerate(zip(cases, expected, outcomes, strict=True))
           if mismatch(exercise, c, e, o) is not None]
    if not bad:
        n_edge = len(exercise.edge_cases())
        return CheckResult(
            name, "passed",
            f"{name}: passed. It agrees with torch on all {n_edge} edge cases and on fresh "
            "random inputs.", n_cases=len(cases), seed=seed)
    first = bad[0]
    case, outcome = cases[first], outcomes[first]
    where, want, got = mismatch(exercise, case, expected[first], outcome)
    lines = [f"{name}: wrong for {len(bad)} of {len(cases)} inputs. First:",
             f"  {exercise.describe(case)}"]
    if outcome.kind == "exception":
        status = "error"
        lines.append(f"  raised {outcome.error_type}: {outcome.error}")
    elif outcome.kind == "bad_answer":
        status = "failed"
        lines.append(f"  {outcome.error}")
    else:
        status = "failed"
        prefix = f"  {where}: " if where else "  "
        lines.append(f"{prefix}expected {_fmt(want)} (torch), got {_fmt(got)}")
    known = diagnose(exercise, cases, outcomes, first)
    if known is not None:
        lines.append(f"Likely mistake: {known.message}")
    if seed is not None and case.label == "random":
        lines.append(f"(random inputs drawn with seed {seed})")
    return CheckResult(name, status, "\n".join(lines), known.key if known else None,
                       len(cases), seed, {"first_failing_case": first, "n_wrong": len(bad)})
