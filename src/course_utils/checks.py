"""Check a learner's exercise against torch: run_check(name, obj) -> CheckResult, never raising."""

import contextlib
import io
import random

from course_utils.exercises import EXERCISES
from course_utils.time_limit import TimeLimitExceeded, time_limit
from course_utils.verdict import STATUSES, CheckResult, judge, pad_after_stub, run_cases

__all__ = ["CHECK_TIME_LIMIT", "STATUSES", "CheckResult", "run_check"]

CHECK_TIME_LIMIT = 30  # seconds for a whole check inside a notebook


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
    outcomes = []
    sink = io.StringIO()  # the learner's printing is swallowed, one case at a time

    def keep(outcome) -> None:
        outcomes.append(outcome)
        sink.seek(0)
        sink.truncate()

    try:
        with time_limit(CHECK_TIME_LIMIT), contextlib.redirect_stdout(sink), \
                contextlib.redirect_stderr(sink):
            run_cases(exercise, obj, cases, keep)
    except TimeLimitExceeded:
        return CheckResult(name, "error", f"{name}: stopped after {CHECK_TIME_LIMIT} s on "
                           f"{len(cases)} inputs. Is there an endless loop?", seed=seed)
    return judge(exercise, cases, pad_after_stub(outcomes, len(cases)), seed)
