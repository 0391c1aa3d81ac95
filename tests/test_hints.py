"""Tiered hints in order, then the solution, which itself passes the check."""

import pytest

from course_utils import hints
from course_utils.checks import run_check
from course_utils.exercises import EXERCISES


@pytest.mark.parametrize("name", list(EXERCISES))
def test_at_least_two_tiers_then_the_solution(name, capsys):
    hints._shown.clear()
    count = len(EXERCISES[name].hints)
    assert count >= 2
    for level in range(1, count + 1):
        hints.hint(name)
        out = capsys.readouterr().out
        assert f"Hint {level} of {count}" in out
    hints.hint(name)  # past the last: the last again, pointing to the solution
    assert "solution(" in capsys.readouterr().out
    hints.solution(name)
    assert f"def {name}(" in capsys.readouterr().out


@pytest.mark.parametrize("name", list(EXERCISES))
def test_shown_solution_passes_its_check(name):
    source = hints.solution_text(name).split("```python\n")[1].split("```")[0]
    namespace: dict = {}
    exec("import math\n" + source, namespace)
    assert run_check(name, namespace[name]).passed


def test_unknown_exercise():
    with pytest.raises(KeyError):
        hints.hint("nope")


@pytest.mark.parametrize("name", list(EXERCISES))
def test_the_library_version_named_by_the_solution_exists(name):
    import importlib

    text = hints.solution_text(name)
    path = text.split("the library's version is `")[1].split("`")[0]
    module, _, attribute = path.rpartition(".")
    assert getattr(importlib.import_module(module), attribute) is EXERCISES[name].reference


def test_the_library_version_is_named_where_a_learner_imports_it():
    assert "`course_utils.schedules.cosine_lr`" in hints.solution_text("cosine_lr")
    assert "`course_utils.exercises.training_loop.train_loop`" in hints.solution_text("train_loop")
