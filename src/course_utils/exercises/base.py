"""What an exercise is: its model solution, cases, torch's expected answers, known mistakes."""

import functools
import inspect
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from course_utils.answers import AnswerError
from course_utils.cases import Case, Outcome
from course_utils.course import check_name
from course_utils.exercises.answer_kinds import NUMBER, AnswerKind
from course_utils.exercises.oracles import call_text


@dataclass(frozen=True)
class Mistake:
    """A known wrong implementation and what to tell a learner whose answers match it."""

    key: str
    message: str
    implementation: Callable

    @classmethod
    def variant(cls, key: str, message: str, template: Callable, **swaps) -> "Mistake":
        """The mistake whose implementation is `template` with some parts swapped for wrong
        ones (its keyword-only arguments), so a module writes its signature once."""
        return cls(key, message, functools.partial(template, **swaps))

    @classmethod
    def ignores(cls, solution: Callable, parameter: str, advice: str = "") -> "Mistake":
        """The learner's code never reads `parameter` and hard-codes its default instead:
        `solution` called with that default whatever the caller passed."""
        signature = inspect.signature(solution)
        default = signature.parameters[parameter].default
        if default is inspect.Parameter.empty:
            raise ValueError(f"{solution.__name__}: {parameter} has no default to hard-code")

        def implementation(*args, **kwargs):
            bound = signature.bind(*args, **kwargs)
            bound.arguments[parameter] = default
            return solution(*bound.args, **bound.kwargs)

        message = (f"your code ignores the argument {parameter}: your answers are the ones "
                   f"for {parameter}={default!r} (the default) whatever the caller passes."
                   + (f" {advice}" if advice else ""))
        return cls(f"hardcoded_{parameter}", message, implementation)


@dataclass(frozen=True)
class Exercise:
    """An exercise of the course (see DESIGN.md, "Exercises and checks").

    Args:
        solution: the model answer shown by solution(name); its name is the exercise's, and
            its signature (with return annotation) is the one the learner implements.
        notebook: the notebook of the course map (course.py) the exercise is in.
        reference: the library's validated implementation (course_utils.schedules & co.).
        edge_cases, random_cases: the inputs; random_cases(rng) are fresh on every check.
        expected: torch's answers for a list of cases (the oracle).
        mistakes, hints: the known wrong implementations, then the hints, in order.
        returns: what an answer is (answer_kinds): a number, one lr per call, an lr trace.
        describe_case: the input as the check message shows it (default: the call).
        expected_source: where the expected value of a mismatch (case, verdict.Mismatch) comes
            from, as the message names it: "torch" by default; the course's own rule where
            the exercise departs from torch (the clamp past total_steps).
    """

    solution: Callable
    notebook: str
    reference: Callable
    edge_cases: Callable[[], list[Case]]
    random_cases: Callable[[Any], list[Case]]
    expected: Callable[[Sequence[Case]], list[Any]]
    mistakes: tuple[Mistake, ...]
    hints: tuple[str, ...]
    returns: AnswerKind = NUMBER
    describe_case: Callable[[Case], str] | None = None
    expected_source: Callable[[Case, Any], str] | None = None
    points: int = 10

    def __post_init__(self):
        check_name(self.notebook)
        keys = [mistake.key for mistake in self.mistakes]
        repeated = sorted({key for key in keys if keys.count(key) > 1})
        if repeated:  # a key names one diagnosis: CheckResult.mistake and grade rows use it
            raise ValueError(f"{self.name}: mistake key(s) used twice: {', '.join(repeated)}")
        if len(self.hints) < 2:
            raise ValueError(f"{self.name}: give at least two hints before the solution")

    @property
    def name(self) -> str:
        return self.solution.__name__

    @property
    def signature(self) -> str:
        """`step_lr(epoch, base_lr, step_size, gamma=0.1) -> float`, read from the solution."""
        signature = inspect.signature(self.solution)
        returns = signature.return_annotation
        text = f"{self.name}{signature.replace(return_annotation=inspect.Signature.empty)}"
        if returns is inspect.Signature.empty:
            return text
        shown = returns if isinstance(returns, str) else inspect.formatannotation(returns)
        return f"{text} -> {shown}"

    def cases(self, rng) -> list[Case]:
        """Edge cases, then inputs drawn from `rng` (fresh on every check)."""
        return self.edge_cases() + self.random_cases(rng)

    def describe(self, case: Case) -> str:
        """One line naming the input, for messages."""
        return self.describe_case(case) if self.describe_case else call_text(self.solution, case)

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
