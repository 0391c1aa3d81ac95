"""Mutants of each exercise's model solution, run through the exercise's own check.

`mutants(exercise)` is every one-place rewrite of `exercise.solution` (tests/mutant_rewrites.py:
the slips a learner makes). `verdicts` runs each through `run_check` on fixed seeds: a mutant
that passes on every seed is equivalent (torch's answers on every input the check tries); one
that raises NameError or UnboundLocalError is broken code, not a mistake; the others are
wrong answers a learner could hand in ("wrong" when every seed rejects them, "flaky" when only
some do: the check lacks an edge case). Their diagnoses (`CheckResult.mistake`) give the named
share. `python -m tests.mutants [NAME ...]` prints the table.

Nothing here knows an exercise: a new one needs only its model solution, whatever its answer
kind (a number, a list per call, a scheduler factory, param groups), since the check is the
judge. The exercises left out, and why, are SKIPPED.
"""

import contextlib
import inspect
import random
import sys
import textwrap
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from course_utils import checks
from course_utils.checks import CheckResult, run_check
from course_utils.time_limit import TimeLimitExceeded, time_limit
from tests.mutant_rewrites import rewrites

SEEDS = (0, 1, 2)  # each mutant is checked on the edge cases and these seeds' random inputs
MUTANT_TIME_LIMIT = 5  # seconds per check: a mutant can turn a loop endless
# Exercises whose mutants are not run, and why (every other exercise gets them by itself).
SKIPPED = {
    "train_loop": "its answer is a training run: a check trains nine tiny models, and judging "
                  "a wrong loop runs every known mistake's loop too (1-2 s a check), so its 36 "
                  "mutants take minutes; measured once on seeds 0 and 1, all 19 wrong ones fail "
                  "and 9 are named, the rest being edits no learner makes (cross_entropy's "
                  "arguments swapped, `!=` for `==` on step_per, val_losses[1] for [-1])",
}


@dataclass(frozen=True)
class Mutant:
    """One rewrite of an exercise's model solution."""

    exercise: str
    where: str  # "line 3: `step >= total_steps` -> `step > total_steps`"
    source: str  # the whole mutated function

    def load(self) -> Callable:
        """The mutated function, defined in its exercise module's globals (a copy)."""
        from course_utils.exercises import EXERCISES

        module = sys.modules[EXERCISES[self.exercise].solution.__module__]
        namespace = dict(vars(module))
        exec(compile(self.source, f"<mutant of {self.exercise}>", "exec"), namespace)
        return namespace[self.exercise]


@dataclass(frozen=True)
class Verdict:
    """What the exercise's check says about a mutant, once per seed."""

    mutant: Mutant
    kind: str  # "broken", "equivalent", "wrong" (failed on every seed) or "flaky" (on some)
    results: tuple[CheckResult, ...] = ()  # one per seed (none for broken code)
    raises: bool = False  # on some input of the first seed

    @property
    def statuses(self) -> tuple[str, ...]:
        return tuple(r.status for r in self.results)

    @property
    def mistakes(self) -> tuple[str | None, ...]:
        return tuple(r.mistake for r in self.results)

    @property
    def named(self) -> bool:
        """Diagnosed by name on every seed."""
        return bool(self.results) and all(self.mistakes)


def _code_objects(code) -> Iterator:
    yield code
    for const in code.co_consts:
        if inspect.iscode(const):
            yield from _code_objects(const)


def _whole_numbers(exercise) -> set[str]:
    """Names of the solution's variables (nested functions' too) that held only ints while it
    ran on its edge cases: steps and counts, where an off-by-one is a plausible slip."""
    codes = set(_code_objects(exercise.solution.__code__))
    types: dict[str, set[type]] = {}

    def record(frame, event, arg):
        for name, value in frame.f_locals.items():
            types.setdefault(name, set()).add(type(value))
        return record

    def tracer(frame, event, arg):
        return record if frame.f_code in codes else None

    previous = sys.gettrace()
    sys.settrace(tracer)
    try:
        for case in exercise.edge_cases():
            with contextlib.suppress(Exception):
                exercise.answer(exercise.solution, case)
    finally:
        sys.settrace(previous)
    return {name for name, seen in types.items() if seen == {int}}


def mutants(exercise) -> list[Mutant]:
    """Every distinct one-place rewrite of the exercise's model solution that compiles."""
    source = textwrap.dedent(inspect.getsource(exercise.solution))
    return [Mutant(exercise.name, where, text)
            for where, text in rewrites(source, _whole_numbers(exercise))]


@contextlib.contextmanager
def _short_time_limit():
    saved = checks.CHECK_TIME_LIMIT
    checks.CHECK_TIME_LIMIT = MUTANT_TIME_LIMIT
    try:
        yield
    finally:
        checks.CHECK_TIME_LIMIT = saved


BROKEN = ("NameError", "UnboundLocalError")  # code that names what it never defined


def _errors(exercise, fn, seed: int) -> set[str]:
    """The exception types fn raises on the cases drawn with `seed` (a mutant that loops
    forever, such as a `while` whose counter no longer moves, is stopped like a check)."""
    try:
        with time_limit(MUTANT_TIME_LIMIT):
            outcomes = [exercise.evaluate(fn, case)
                        for case in exercise.cases(random.Random(seed))]
    except TimeLimitExceeded:
        return {TimeLimitExceeded.__name__}
    return {o.error_type for o in outcomes if o.kind == "exception"}


def verdicts(exercise, found: list[Mutant] | None = None, seeds=SEEDS) -> list[Verdict]:
    """Each mutant (all of the exercise's by default) through the exercise's check, seed by
    seed (so that the known mistakes run once per seed, not once per mutant)."""
    found = mutants(exercise) if found is None else found
    fns = [m.load() for m in found]
    errors = [_errors(exercise, fn, seeds[0]) for fn in fns]
    results: list[list[CheckResult]] = [[] for _ in found]
    with _short_time_limit():
        for seed in seeds:
            for fn, error, into in zip(fns, errors, results, strict=True):
                if not error & set(BROKEN):
                    into.append(run_check(exercise.name, fn, seed=seed))
    return [_verdict(m, r, bool(e)) for m, r, e in zip(found, results, errors, strict=True)]


def _verdict(mutant: Mutant, results: list[CheckResult], raises: bool) -> Verdict:
    passed = [r.passed for r in results]
    if not results:
        kind = "broken"
    elif all(passed):
        kind = "equivalent"
    elif any(passed):
        kind = "flaky"
    else:
        kind = "wrong"
    return Verdict(mutant, kind, tuple(results), raises)


def summary(found: list[Verdict]) -> dict:
    wrong = [v for v in found if v.kind == "wrong"]
    named = [v for v in wrong if v.named]
    counts = {kind: sum(v.kind == kind for v in found)
              for kind in ("equivalent", "broken", "flaky", "wrong")}
    return {"mutants": len(found), **counts, "named": len(named),
            "share": len(named) / len(wrong) if wrong else 1.0}


def main(names: list[str]) -> None:
    """The table for the named exercises (all by default); with -v, the unnamed mutants."""
    from course_utils.exercises import EXERCISES

    verbose = "-v" in names
    names = [n for n in names if n != "-v"]
    unnamed = []
    print("| exercise | mutants | equivalent | broken | flaky | wrong | named | share |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name in names or list(EXERCISES):
        if name in SKIPPED:
            print(f"| {name} | skipped: {SKIPPED[name].split(':')[0]} |")
            continue
        found = verdicts(EXERCISES[name])
        s = summary(found)
        print(f"| {name} | {s['mutants']} | {s['equivalent']} | {s['broken']} | {s['flaky']} "
              f"| {s['wrong']} | {s['named']} | {s['share']:.0%} |")
        unnamed += [f"{name}: {v.kind}: {v.mutant.where}" for v in found
                    if v.kind in ("wrong", "flaky") and not v.named]
    if verbose:
        print("\nNot named:", *unnamed, sep="\n  ")


if __name__ == "__main__":
    main(sys.argv[1:])
