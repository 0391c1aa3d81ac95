"""The course's exercises by name: EXERCISES[name] is the spec its check uses."""

from course_utils.cases import Case, Outcome
from course_utils.exercises.base import Exercise, Mistake
from course_utils.exercises.cosine import EXERCISE as COSINE_LR
from course_utils.exercises.exponential import EXERCISE as EXPONENTIAL_LR
from course_utils.exercises.multistep import EXERCISE as MULTISTEP_LR
from course_utils.exercises.one_cycle import EXERCISE as ONE_CYCLE_LR
from course_utils.exercises.plateau import EXERCISE as REDUCE_ON_PLATEAU
from course_utils.exercises.step import EXERCISE as STEP_LR
from course_utils.exercises.training_loop import EXERCISE as TRAIN_LOOP
from course_utils.exercises.warmup import EXERCISE as WARMUP_COSINE_SCHEDULE
from course_utils.exercises.warmup_scheduler import EXERCISE as GET_WARMUP_COSINE_SCHEDULER

EXERCISES: dict[str, Exercise] = {
    exercise.name: exercise
    for exercise in (
        COSINE_LR,
        WARMUP_COSINE_SCHEDULE,
        GET_WARMUP_COSINE_SCHEDULER,
        STEP_LR,
        MULTISTEP_LR,
        EXPONENTIAL_LR,
        REDUCE_ON_PLATEAU,
        ONE_CYCLE_LR,
        TRAIN_LOOP,
    )
}


def exercises_for(notebook: str) -> list[Exercise]:
    """The exercises a notebook (e.g. "07_warmup_cosine") contains, in course order."""
    return [e for e in EXERCISES.values() if e.notebook == notebook]


__all__ = ["EXERCISES", "Case", "Exercise", "Mistake", "Outcome", "exercises_for"]
