"""Check a learner's exercise against torch: run_check(name, obj) -> CheckResult, never raising."""

import contextlib
import io
import random
from collections.abc import Sequence
from dataclasses import dataclass, field

from course_utils.exercises import EXERCISES, Case, Exercise, Outcome
from course_utils.time_limit import TimeLimitExceeded, time_limit

STATUSES = ("passed", "failed", "not_attempted", "error")
RELATIVE_TOLERANCE = 1e-6  # of the schedule's scale (its peak lr): float32-exact code passes
CHECK_TIME_LIMIT = 30  # seconds for a whole check inside a notebook


@dataclass
class CheckResult:
    """The verdict on one exercise. `message` is plain text a learner can act on."""

    name: str
    status: str
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

    def _repr_html_(self) -> str:
        from course_utils.display import result_html

        return result_html(self)

    def _repr_pretty_(self, printer, cycle) -> None:
        printer.text(self.message)


def close(expected: float, got: float, scale: float) -> bool:
    return abs(got - expected) <= RELATIVE_TOLERANCE * abs(scale) + 1e-15


def _fmt(x) -> str:
    return f"{x:.10g}" if isinstance(x, float) else repr(x)


def _first_mismatch(exercise: Exercise, case: Case, expected, outcome: Outcome):
    """None when the outcome is right, else (where, expected, got) for the message."""
    if outcome.kind != "value":
        return ("", expected, None)
    if exercise.returns_list:
        return _first_list_mismatch(case, expected, outcome.value)
    if not exercise.returns_trace:
        return None if close(expected, outcome.value, case.scale) else ("", expected, outcome.value)
    got = outcome.value
    if not isinstance(got, list) or len(got) != len(expected):
        return ("the lr trace", "a trace", got)
    for t, (row_exp, row_got) in enumerate(zip(expected, got, strict=True)):
        if not isinstance(row_got, list) or len(row_got) != len(row_exp):
            return (f"after {t} steps", row_exp, row_got)
        for g, (e, v, base) in enumerate(zip(row_exp, row_got, case.setup["base_lrs"],
                                             strict=True)):
            if not isinstance(v, int | float) or not close(e, v, base):
                return (f"group {g}'s lr after {t} steps", e, v)
    return None


def _first_list_mismatch(case: Case, expected: list[float], got):
    """None when the lists agree, else (where, expected, got): "the lr after call k" (1-based)."""
    if not isinstance(got, list) or len(got) != len(expected):
        n_got = len(got) if isinstance(got, list) else f"a {type(got).__name__}"
        return ("the number of lrs (one per call)", len(expected), n_got)
    for k, (e, v) in enumerate(zip(expected, got, strict=True), start=1):
        if isinstance(v, bool) or not isinstance(v, int | float) or not close(e, v, case.scale):
            return (f"the lr after call {k}", e, v)
    return None


def _same(exercise: Exercise, case: Case, a: Outcome, b: Outcome) -> bool:
    """Do two outcomes agree (values within tolerance, or the same kind of failure)?"""
    if a.kind != b.kind:
        return False
    if a.kind == "exception":
        return a.error_type == b.error_type
    if a.kind != "value":
        return True
    return _first_mismatch(exercise, case, a.value, b) is None


def diagnose(exercise: Exercise, cases: Sequence[Case], outcomes: Sequence[Outcome],
             first_bad: int):
    """The known mistake that best explains the learner's outcomes, or None.

    A mistake qualifies when its (trusted) implementation gives what the learner gave on the
    first failing input; among those, the one agreeing with the learner on most inputs wins.
    """
    best, best_score = None, -1
    for mistake in exercise.mistakes:
        first = exercise.evaluate(mistake.implementation, cases[first_bad])
        if not _same(exercise, cases[first_bad], first, outcomes[first_bad]):
            continue
        score = sum(
            _same(exercise, case, exercise.evaluate(mistake.implementation, case), outcome)
            for case, outcome in zip(cases, outcomes, strict=True)
        )
        if score > best_score:
            best, best_score = mistake, score
    return best


def judge(exercise: Exercise, cases: Sequence[Case], outcomes: Sequence[Outcome],
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
           if _first_mismatch(exercise, c, e, o) is not None]
    if not bad:
        n_edge = len(exercise.edge_cases())
        return CheckResult(
            name, "passed",
            f"{name}: passed. It agrees with torch on all {n_edge} edge cases and on fresh "
            "random inputs.", n_cases=len(cases), seed=seed)
    first = bad[0]
    case, outcome = cases[first], outcomes[first]
    where, want, got = _first_mismatch(exercise, case, expected[first], outcome)
    lines = [f"{name}: wrong for {len(bad)} of {len(cases)} inputs. First:",
             f"  {exercise.describe_case(case)}"]
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
    mistake = diagnose(exercise, cases, outcomes, first)
    if mistake is not None:
        lines.append(f"Likely mistake: {mistake.message}")
    if seed is not None and case.label == "random":
        lines.append(f"(random inputs drawn with seed {seed})")
    return CheckResult(name, status, "\n".join(lines), mistake.key if mistake else None,
                       len(cases), seed, {"first_failing_case": first, "n_wrong": len(bad)})


def collect_outcomes(exercise: Exercise, obj, cases: Sequence[Case]) -> list[Outcome]:
    """Run the learner's obj on every case, its printing swallowed. Stops at the stub."""
    outcomes = []
    sink = io.StringIO()
    with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
        for case in cases:
            outcomes.append(exercise.evaluate(obj, case))
            if outcomes[-1].kind == "not_implemented":
                break
            sink.seek(0)
            sink.truncate()
    return outcomes + [Outcome("not_implemented")] * (len(cases) - len(outcomes))


def run_check(name: str, obj, seed: int | None = None) -> CheckResult:
    """Check `obj` (the learner's function) for exercise `name` against torch.

    Never raises for the learner's mistakes: those become a failed/error/not_attempted
    result. An unknown exercise name is the notebook author's mistake and raises KeyError.
    """
    if name not in EXERCISES:
        raise KeyError(f"no exercise named {name!r}; known: {', '.join(EXERCISES)}")
    exercise = EXERCISES[name]
    if not callable(obj):
        return CheckResult(name, "failed", f"{name}: expected a function, got "
                           f"{type(obj).__name__}. Pass the function itself: check({name!r}, "
                           f"{name}).")
    seed = random.SystemRandom().randrange(2**32) if seed is None else seed
    cases = exercise.cases(random.Random(seed))
    try:
        with time_limit(CHECK_TIME_LIMIT):
            outcomes = collect_outcomes(exercise, obj, cases)
    except TimeLimitExceeded:
        return CheckResult(name, "error", f"{name}: stopped after {CHECK_TIME_LIMIT} s on "
                           f"{len(cases)} inputs. Is there an endless loop?", seed=seed)
    return judge(exercise, cases, outcomes, seed)
