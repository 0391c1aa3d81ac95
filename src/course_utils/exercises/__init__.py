"""The course's exercises by name: EXERCISES[name] is the spec its check uses.

Every module of this package that defines `EXERCISE` is one exercise: adding the module adds
it. They come in course order (by notebook; within a notebook, by module name).
"""

import importlib
import pkgutil

from course_utils.cases import Case, Outcome
from course_utils.course import position
from course_utils.exercises.base import Exercise, Mistake


def _discover() -> dict[str, Exercise]:
    found = []
    for info in pkgutil.iter_modules(__path__):  # sorted by module name
        module = importlib.import_module(f"{__name__}.{info.name}")
        exercise = getattr(module, "EXERCISE", None)
        if isinstance(exercise, Exercise):
            found.append(exercise)
    found.sort(key=lambda exercise: position(exercise.notebook))
    names = [exercise.name for exercise in found]
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        raise ValueError(f"two exercise modules define {', '.join(repeated)}")
    return {exercise.name: exercise for exercise in found}


EXERCISES: dict[str, Exercise] = _discover()


def exercises_for(notebook: str) -> list[Exercise]:
    """The exercises a notebook (e.g. "07_warmup_cosine") contains, in course order."""
    return [e for e in EXERCISES.values() if e.notebook == notebook]


__all__ = ["EXERCISES", "Case", "Exercise", "Mistake", "Outcome", "exercises_for"]
