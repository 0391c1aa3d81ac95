"""Grade one submission: identify, extract, draw cases, run them sandboxed, judge here."""

import random
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, get_args

from course_utils.grading.extract import extract
from course_utils.grading.identify import SubmissionError, identify, read_notebook

# The check's statuses (verdict.Status), plus what only a sandbox can tell (DESIGN.md, fixed).
GradeStatus = Literal["passed", "failed", "error", "timeout", "missing", "not_attempted"]
STATUSES: tuple[str, ...] = get_args(GradeStatus)


@dataclass
class Limits:
    """What one submission may use. `timeout` is wall time for the whole submission."""

    timeout: float = 60.0
    memory: int = 2 * 2**30  # bytes of address space on top of the pre-loaded libraries
    output_cap: int = 64 * 2**10  # characters of printed output kept
    file_bytes: int = 64 * 2**20  # largest file the code may write (in its temp dir)


@dataclass
class ExerciseResult:
    name: str
    status: GradeStatus
    points: int
    max_points: int
    message: str
    mistake: str | None = None

    def to_json(self) -> dict:
        return {"name": self.name, "status": self.status, "points": self.points,
                "max_points": self.max_points, "message": self.message}

    @classmethod
    def zero(cls, exercise, status: GradeStatus, why: str) -> "ExerciseResult":
        """No points for `exercise`, and why: the message is "<name>: <why>"."""
        return cls(exercise.name, status, 0, exercise.points, f"{exercise.name}: {why}")


@dataclass
class SubmissionResult:
    path: str
    notebook: str | None = None
    error: str | None = None
    exercises: list[ExerciseResult] = field(default_factory=list)
    seed: int | None = None
    notes: list[str] = field(default_factory=list)  # protections the system refused (not JSON)

    @property
    def score(self) -> int:
        return sum(e.points for e in self.exercises)

    @property
    def max_score(self) -> int:
        return sum(e.max_points for e in self.exercises)

    def to_json(self) -> dict:
        return {"path": self.path, "score": self.score, "max_score": self.max_score,
                "error": self.error, "exercises": [e.to_json() for e in self.exercises]}


def _is_number(x) -> bool:
    return isinstance(x, int | float) and not isinstance(x, bool)


def parse_outcomes(exercise, raw, n_cases: int) -> list:
    """Validated Outcomes from the sandbox's plain data; ValueError when anything is off."""
    from course_utils.cases import Outcome
    from course_utils.verdict import pad_after_stub

    if not isinstance(raw, list) or not raw or len(raw) > n_cases:
        raise ValueError("wrong number of outcomes")
    outcomes = []
    for item in raw:
        if not isinstance(item, dict):
            raise ValueError("an outcome is not an object")
        outcome = Outcome.from_json(item)
        if outcome.kind == "value" and not exercise.returns.valid(outcome.value):
            raise ValueError("an outcome's value is not plain numbers")
        if outcome.kind != "value" and outcome.value is not None:
            raise ValueError("an outcome without a value carries one")
        outcomes.append(Outcome(outcome.kind, outcome.value, outcome.error_type[:100],
                                outcome.error))
    if len(outcomes) < n_cases and outcomes[-1].kind != "not_implemented":
        raise ValueError("outcomes stop early")
    return pad_after_stub(outcomes, n_cases)


def sandbox_notes(response: dict) -> list[str]:
    """What the sandbox says it could not apply (a memory limit, the cleanup), as plain text."""
    notes = response.get("notes")
    if not isinstance(notes, list):
        return []
    return [note[:300] for note in notes[:10] if isinstance(note, str)]


def _setup_note(setup_errors) -> str:
    if not setup_errors:
        return ""
    lines = [f"  cell {e.get('cell')}: {str(e.get('error'))[:300]}" for e in setup_errors[:5]
             if isinstance(e, dict)]
    return "\nWhile loading your definitions:\n" + "\n".join(lines)


def _judged(exercise, cases, message: dict, seed: int):
    """An ExerciseResult from the sandbox's message for this exercise."""
    from course_utils.verdict import judge

    name, kind, zero = exercise.name, message.get("status"), ExerciseResult.zero
    done = message.get("outcomes") if isinstance(message.get("outcomes"), list) else []
    where = exercise.describe(cases[min(len(done), len(cases) - 1)])
    if kind == "missing":
        return zero(exercise, "error", f"its definition failed to load, so there is no "
                    f"`{name}` to check")
    if kind == "not_callable":
        return zero(exercise, "failed", f"expected a function, got "
                    f"{str(message.get('type'))[:60]}. Define it with `def {name}(...)`.")
    if kind == "timeout":
        seconds = message.get("seconds")
        seconds = f"{seconds:.3g} s" if _is_number(seconds) else "its time"
        return zero(exercise, "timeout", f"no answer within {seconds} (an endless loop?), on "
                    f"input:\n  {where}")
    if kind == "died":
        return zero(exercise, "error", f"the process running your code "
                    f"{str(message.get('how'))[:100]}, on input:\n  {where}")
    if kind != "ran":
        return zero(exercise, "error", "no usable result came back")
    try:
        outcomes = parse_outcomes(exercise, message.get("outcomes"), len(cases))
    except ValueError as exc:
        return zero(exercise, "error", f"the sandbox returned malformed results ({exc})")
    try:
        verdict = judge(exercise, cases, outcomes, seed)
    except Exception as exc:  # a judging bug must be a row, not a crashed batch
        return zero(exercise, "error",
                    f"could not judge the results ({type(exc).__name__}: {exc})")
    return ExerciseResult(name, verdict.status, exercise.points if verdict.passed else 0,
                          exercise.points, verdict.message, verdict.mistake)


def _not_run_note(message: str, not_run: dict) -> str:
    match = re.search(r"NameError: name '(\w+)' is not defined", message)
    if not match or match.group(1) not in not_run:
        return ""
    name = match.group(1)
    return (f"\nNote: `{name}` is set in cell {not_run[name]} by a statement grading does not "
            "run (only imports, definitions and constant assignments are run): compute it "
            "inside your function, or make it a constant.")


def _interpret(exercises, cases, response: dict, seed: int, limits: Limits,
               not_run: dict | None = None) -> list:
    messages = [m for m in response.get("messages", []) if isinstance(m, dict)]
    setup = next((m["setup"] for m in messages if "setup" in m), None)
    by_name = {m["exercise"]: m for m in messages if isinstance(m.get("exercise"), str)}
    not_run = not_run or {}
    internal = next((str(m["internal_error"]) for m in messages if "internal_error" in m), "")
    results = {}
    for exercise in exercises:
        name = exercise.name
        if name in by_name:
            result = _judged(exercise, cases[name], by_name[name], seed)
        elif setup is None and response.get("end") == "timeout":
            result = ExerciseResult.zero(
                exercise, "timeout", f"loading your definitions took longer than "
                f"{limits.timeout:g} s (an endless loop at the top of a cell, a class body or "
                "a default argument?)")
        elif response.get("end") == "timeout":
            result = ExerciseResult.zero(
                exercise, "timeout", f"the submission ran out of time ({limits.timeout:g} s) "
                "before this exercise was checked")
        elif internal:
            result = ExerciseResult.zero(exercise, "error",
                                         f"the grader's sandbox failed ({internal[:200]})")
        else:
            result = ExerciseResult.zero(
                exercise, "error", f"the process running your code "
                f"{str(response.get('exit'))[:120]} before this exercise was checked")
        if result.status != "passed":
            result.message += _setup_note(setup if isinstance(setup, list) else [])
            result.message += _not_run_note(result.message, not_run)
        results[name] = result
    return [results[e.name] for e in exercises]


def grade_submission(path: Path, sandbox, limits: Limits, seed: int | None = None):
    """The SubmissionResult for one file. Never raises for anything the file contains."""
    from course_utils.exercises import exercises_for
    from course_utils.grading.sandbox import SandboxError

    result = SubmissionResult(str(path))
    try:
        data = read_notebook(path)
        result.notebook = identify(data, path)
    except SubmissionError as exc:
        result.error = str(exc)
        return result
    exercises = exercises_for(result.notebook)
    found = extract(data["cells"])
    seed = random.SystemRandom().randrange(2**32) if seed is None else seed
    result.seed = seed
    static, to_run, cases = {}, [], {}
    for exercise in exercises:
        name = exercise.name
        if found.defines(name):
            to_run.append(exercise)
            cases[name] = exercise.cases(random.Random(seed))
            continue
        syntax = found.syntax_error_for(name)
        static[name] = (ExerciseResult.zero(exercise, "error", syntax) if syntax else
                        ExerciseResult.zero(exercise, "missing", f"missing: no `def {name}(...)` "
                                            "in the notebook (renamed or deleted?)"))
    ran = {}
    if to_run:
        request = {
            "program": found.program([e.name for e in to_run]),
            "exercises": [{"name": e.name, "cases": [c.to_json() for c in cases[e.name]]}
                          for e in to_run],
            "timeout": limits.timeout, "memory": limits.memory,
            "output_cap": limits.output_cap, "file_bytes": limits.file_bytes,
        }
        try:
            response = sandbox.run(request)
        except SandboxError as exc:
            response = {"messages": [], "end": "error", "exit": f"failed ({exc})"}
            result.error = str(exc)
        result.notes = sandbox_notes(response)
        ran = {r.name: r for r in _interpret(to_run, cases, response, seed, limits,
                                             found.not_run)}
    result.exercises = [static.get(e.name) or ran[e.name] for e in exercises]
    return result
