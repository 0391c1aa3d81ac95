"""What a question generator is: a kind, the notebook it belongs to, and a maker of drafts."""

import random
from collections.abc import Callable
from dataclasses import dataclass

from course_utils.course import check_name
from course_utils.rehearsal.bank import DEFAULT_REL_TOL, taught_in_problems
from course_utils.rehearsal.oracle import evaluate

BASE_LRS = (0.1, 0.05, 0.01, 0.2, 0.001, 0.3)
GAMMAS = (0.1, 0.5, 0.2, 0.3, 0.25)


def g(x: float) -> str:
    """A number as a question shows it: 0.1, 1e-05, 30."""
    return f"{x:g}"


def lr_oracle(scheduler: str, base_lr: float, t: int, **kwargs) -> dict:
    """The oracle spec 'the lr torch's `scheduler`(**kwargs) sets after t steps'."""
    return {"scheduler": scheduler, "base_lr": base_lr, "t": t, "kwargs": kwargs}


@dataclass(frozen=True)
class Draft:
    """A question before torch answers it: its text, the oracle spec, the explanation."""

    text: str
    oracle: dict
    explanation: str
    integer: bool = False  # an exact whole-number answer (a step, a call)


@dataclass(frozen=True)
class Generator:
    """Questions of one kind, for one notebook (`topic`), drafted by `make(rng)`; `taught_in`
    is the section that teaches how to answer them ("<notebook>#<heading>", as in the bank)."""

    kind: str
    topic: str
    make: Callable[[random.Random], Draft]
    taught_in: str | None = None

    def question(self, seed) -> dict:
        """The question for `seed` in the bank's schema; the same seed, the same question."""
        draft = self.make(random.Random(f"{self.kind}:{seed}"))
        q = {
            "id": f"gen-{self.kind}-{seed}",
            "topic": self.topic,
            "type": "numeric",
            "question": draft.text,
            "precision": 3,
            "answers": [
                {"type": "value", "value": evaluate(draft.oracle), "correct": True,
                 "feedback": "Correct."},
                {"type": "default", "feedback": "Plug the numbers into the formula."},
            ],
            "explanation": draft.explanation,
            "oracle": draft.oracle,
            "generated": True,
            "rel_tol": 0.0 if draft.integer else DEFAULT_REL_TOL,
        }
        if self.taught_in:  # tests/test_rehearsal_bank_sections.py requires it
            q["taught_in"] = self.taught_in
        if draft.integer:
            q["abs_tol"] = 1e-9
        return q


REGISTERED: list[Generator] = []


def generator(kind: str, topic: str, taught_in: str | None = None):
    """Register the decorated `make(rng) -> Draft` as the generator of `kind` questions, drawn
    in `topic`'s quiz and taught in the section `taught_in` ("<notebook>#<heading>")."""
    check_name(topic)
    problems = taught_in_problems(taught_in, topic) if taught_in is not None else []
    if problems:
        raise ValueError(f"generator {kind!r}: {'; '.join(problems)}")

    def register(make: Callable[[random.Random], Draft]):
        REGISTERED.append(Generator(kind, topic, make, taught_in))
        return make

    return register
