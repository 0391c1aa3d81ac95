"""The exercise registry and what every exercise must have, wherever its parts live.

Adding an exercise touches three places: its module in course_utils/exercises/, its
solution notebook (the def between solution markers, and a check cell) and its corpus
folder in tests/corpus/. Forgetting any one of them fails a test: the two here, or
test_checks.test_corpus_covers_every_exercise_and_status.
"""

import json
import random
import re
from pathlib import Path

import pytest

from course_utils import course
from course_utils.checks import run_check
from course_utils.exercises import EXERCISES, exercises_for
from course_utils.exercises.answer_kinds import NUMBER, PER_CALL

ROOT = Path(__file__).resolve().parents[1]
CHECK_CALL = re.compile(r"""\bcheck\(\s*["'](\w+)["']""")


def _code_cells(notebook: str) -> list[str]:
    cells = json.loads((ROOT / "solutions" / f"{notebook}.ipynb").read_text())["cells"]
    return ["".join(c["source"]) for c in cells if c["cell_type"] == "code"]


def test_registered_in_course_order():
    assert list(EXERCISES) == ["step_lr", "multistep_lr", "exponential_lr", "cosine_lr",
                               "reduce_on_plateau", "one_cycle_lr", "warmup_cosine_schedule",
                               "get_warmup_cosine_scheduler", "train_loop", "warm_restarts_lr",
                               "cyclic_lr", "sequential_warmup_cosine_lr", "noam_lr", "wsd_lr",
                               "layerwise_param_groups", "range_test_lr", "smoothed_losses"]
    positions = [course.position(e.notebook) for e in EXERCISES.values()]
    assert positions == sorted(positions)
    assert [e.name for e in exercises_for("07_warmup_cosine")] == [
        "warmup_cosine_schedule", "get_warmup_cosine_scheduler"]


@pytest.mark.parametrize("name", list(EXERCISES))
def test_spec(name):
    exercise = EXERCISES[name]
    assert exercise.name == name == exercise.solution.__name__
    assert exercise.notebook in course.NAMES
    assert exercise.points == 10
    assert len(exercise.hints) >= 2
    assert exercise.signature.startswith(f"{name}(")
    assert len({m.key for m in exercise.mistakes}) >= 3


@pytest.mark.parametrize("name", list(EXERCISES))
def test_the_solution_notebook_has_the_exercise_and_its_check(name):
    """The module alone is not an exercise: its notebook asks for it and checks it."""
    cells = _code_cells(EXERCISES[name].notebook)
    assert any(re.search(rf"^def {name}\(", cell, re.M) and "### BEGIN SOLUTION" in cell
               for cell in cells), f"no `def {name}(` with a solution region"
    assert any(re.search(rf"""\bcheck\(\s*["']{name}["'],\s*{name}\)""", cell)
               for cell in cells), f"no check cell for {name}"


@pytest.mark.parametrize("notebook", course.NAMES)
def test_every_check_in_a_notebook_names_an_exercise(notebook):
    """A check cell whose exercise module was forgotten fails here, not only at Run All."""
    for cell in _code_cells(notebook):
        for name in CHECK_CALL.findall(cell):
            assert name in EXERCISES, f"{notebook}: check({name!r}, ...) but no such exercise"


NUMBER_ANSWERS = [name for name, e in EXERCISES.items() if e.returns in (NUMBER, PER_CALL)
                  and name not in ("cosine_lr", "warmup_cosine_schedule")]


@pytest.mark.parametrize("name", NUMBER_ANSWERS)
def test_oracle_agrees_with_the_library_reference(name):
    """The torch runs are wired correctly: same numbers as the closed forms on every case."""
    exercise = EXERCISES[name]
    cases = exercise.cases(random.Random(5))
    for case, want in zip(cases, exercise.expected(cases), strict=True):
        got = exercise.reference(*case.args, **case.kwargs)  # a float, or a list of floats
        assert got == pytest.approx(want, rel=1e-12, abs=1e-15), case


@pytest.mark.parametrize("seed", [0, 1])
@pytest.mark.parametrize("name", list(EXERCISES))
def test_reference_and_solution_pass(name, seed):
    exercise = EXERCISES[name]
    assert run_check(name, exercise.reference, seed=seed).passed
    assert run_check(name, exercise.solution, seed=seed).passed


@pytest.mark.parametrize("seed", [0, 1, None])
@pytest.mark.parametrize("name", list(EXERCISES))
def test_every_known_mistake_is_diagnosed_by_name(name, seed):
    exercise = EXERCISES[name]
    for mistake in exercise.mistakes:
        result = run_check(name, mistake.implementation, seed=seed)
        assert result.status in ("failed", "error"), mistake.key
        assert result.mistake == mistake.key, (mistake.key, result.message)
        assert mistake.message in result.message
