"""The verdict on a learner's answers: the case loop, tolerance, mismatch, diagnosis, CheckResult.

Trusted code, shared by the notebook check (checks.run_check) and the grader (grading.grade);
it never imports either, nor anything that displays.
"""

import threading
from collections import OrderedDict
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
    """Where an answer first differs from torch's ("" for the whole answer), and both values;
    `position` indexes the differing number in the answer ((t, group) in an lr trace)."""

    where: str
    expected: Any
    got: Any
    position: tuple[int, ...] = ()


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


MATCH = 0.8  # share of the disputed inputs a known mistake must reproduce to be named
_KNOWN_RUNS: OrderedDict = OrderedDict()  # the last few case lists' known-mistake outcomes
_KNOWN_RUNS_KEPT = 4
_KNOWN_RUNS_LOCK = threading.Lock()


def known_outcomes(exercise, cases: Sequence[Case]) -> dict[str, list[Outcome]]:
    """Each known mistake's outcome on each case (trusted code, deterministic): computed once
    per list of cases, so judging many answers to the same inputs runs the mistakes once."""
    key = (exercise, tuple(repr(case) for case in cases))
    with _KNOWN_RUNS_LOCK:  # the grader judges from several threads
        if key in _KNOWN_RUNS:
            _KNOWN_RUNS.move_to_end(key)
            return _KNOWN_RUNS[key]
    runs = {known.key: [exercise.evaluate(known.implementation, case) for case in cases]
            for known in exercise.mistakes}
    with _KNOWN_RUNS_LOCK:
        _KNOWN_RUNS[key] = runs
        while len(_KNOWN_RUNS) > _KNOWN_RUNS_KEPT:
            _KNOWN_RUNS.popitem(last=False)
    return runs


class Explanation(NamedTuple):
    """How a known mistake's outcomes compare with the learner's."""

    share: float  # of the inputs where either is wrong, the share where both agree
    contained: bool  # wherever the mistake is wrong, the learner gives the same answer
    covered: float  # the share of the learner's wrong answers the mistake gives too


def _units(exercise, case: Case, want, outcome: Outcome, their: Outcome):
    """(learner wrong, they wrong, same answer) for each number of the answer when both are
    well-formed answers of the expected shape, else once for the whole answer."""
    kind = exercise.returns
    if outcome.kind == their.kind == "value":
        parts = [kind.numbers(case, v) for v in (want, outcome.value, their.value)]
        if all(p is not None for p in parts) and len({len(p) for p in parts}) == 1:
            for (w, scale), (o, _), (t, _) in zip(*parts, strict=True):
                yield not close(w, o, scale), not close(w, t, scale), close(o, t, scale)
            return
    yield (mismatch(exercise, case, want, outcome) is not None,
           mismatch(exercise, case, want, their) is not None,
           _same(exercise, case, their, outcome))


def explain(exercise, cases: Sequence[Case], expected: Sequence, outcomes: Sequence[Outcome],
            theirs: Sequence[Outcome]) -> Explanation:
    """Compare a wrong implementation's outcomes (`theirs`) with the learner's, number by
    number where the answers are lists of numbers."""
    disputed = agreed = learner_wrong = covered = 0
    contained = True
    for case, want, outcome, their in zip(cases, expected, outcomes, theirs, strict=True):
        for learner_err, they_err, same in _units(exercise, case, want, outcome, their):
            if not they_err and not learner_err:
                continue
            disputed += 1
            agreed += same
            learner_wrong += learner_err
            covered += same and learner_err
            contained = contained and (same or not they_err)
    return Explanation(agreed / disputed if disputed else 1.0, contained,
                       covered / learner_wrong if learner_wrong else 1.0)


def diagnose(exercise, cases: Sequence[Case], expected: Sequence, outcomes: Sequence[Outcome]):
    """The known mistake that best explains the learner's wrong answers, or None.

    A mistake is named when it gives the learner's answers on at least MATCH of the inputs
    where either of them is wrong, or when the learner makes it on top of something else:
    every wrong answer the mistake gives, the learner gives too, and that is at least half of
    the learner's wrong answers. The highest share wins; ties go to the first listed.
    Agreeing on the first wrong answer alone is not enough: different bugs often give the
    same number at one input (a cosine that never moves and one that rises both give min_lr
    at the end), and naming the wrong one sends the learner after a bug they don't have.
    """
    runs = known_outcomes(exercise, cases)
    ranked = []
    for order, known in enumerate(exercise.mistakes):
        found = explain(exercise, cases, expected, outcomes, runs[known.key])
        if found.share >= MATCH or (found.contained and found.covered >= 0.5):
            ranked.append((-found.share, order, known))
    return min(ranked, key=lambda r: r[:2])[2] if ranked else None


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
        rules = ", and with the course's own rules where it departs from torch," if \
            exercise.expected_source else ""
        return CheckResult(
            name, "passed",
            f"{name}: passed. It agrees with torch{rules} on all {n_edge} edge cases and on "
            "fresh random inputs.", n_cases=len(cases), seed=seed)
    first = bad[0]
    case, outcome = cases[first], outcomes[first]
    found = mismatch(exercise, case, expected[first], outcome)
    where, want, got = found.where, found.expected, found.got
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
        source = exercise.expected_source(case, found) if exercise.expected_source else "torch"
        lines.append(f"{prefix}expected {_fmt(want)} ({source}), got {_fmt(got)}")
    known = diagnose(exercise, cases, expected, outcomes)
    if known is not None:
        lines.append(f"Likely mistake: {known.message}")
    if seed is not None and case.label == "random":
        lines.append(f"(random inputs drawn with seed {seed})")
    return CheckResult(name, status, "\n".join(lines), known.key if known else None,
                       len(cases), seed, {"first_failing_case": first, "n_wrong": len(bad)})
