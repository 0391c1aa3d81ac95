"""What an exercise is: its cases, how answers are obtained, the oracle, known mistakes."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from course_utils.answers import AnswerError
from course_utils.cases import Case, Outcome
from course_utils.course import check_name
from course_utils.exercises.answer_kinds import NUMBER, AnswerKind


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
    returns: AnswerKind = NUMBER  # what an answer is: a number, one per call, an lr trace

    def __post_init__(self):
        check_name(self.notebook)
        if self.solution.__name__ != self.name:  # the grader finds the learner's `def <name>`
            raise ValueError(f"{self.name}: the solution is called {self.solution.__name__}")
        keys = [mistake.key for mistake in self.mistakes]
        repeated = sorted({key for key in keys if keys.count(key) > 1})
        if repeated:  # a key names one diagnosis: CheckResult.mistake and grade rows use it
            raise ValueError(f"{self.name}: mistake key(s) used twice: {', '.join(repeated)}")

    def cases(self, rng) -> list[Case]:
        """Edge cases, then inputs drawn from `rng` (fresh on every check)."""
        return self.edge_cases() + self.random_cases(rng)

    def answer(self, obj: Callable, case: Case):
        """The learner's answer for one case as plain numbers (raises whatever their code does)."""
        return self.returns.collect(obj, case)

    def evaluate(self, obj: Callable, case: Case) -> Outcome:
        """Run `obj` on one case and turn what happens into an Outcome (never raises)."""
        try:
            value = self.answer(obj, case)
        except NotImplementedError:
            return Outcome("not_implemented")
        except AnswerError as exc:
            return Outcome("bad_answer", error=str(exc))
        except Exception as exc:  # the learner's code: anything can happen
            return Outcome.from_exception(exc)
        return Outcome("value", value)
