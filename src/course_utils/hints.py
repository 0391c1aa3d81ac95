"""Tiered hints, then the solution on request, for every exercise."""

import importlib
import inspect

from course_utils.exercises import EXERCISES

_shown: dict[str, int] = {}


def _show(markdown: str) -> None:
    try:
        from IPython import get_ipython
        from IPython.display import Markdown, display
    except ImportError:
        print(markdown)
        return
    if get_ipython() is None:
        print(markdown)
    else:
        display(Markdown(markdown))


def _exercise(name: str):
    if name not in EXERCISES:
        raise KeyError(f"no exercise named {name!r}; known: {', '.join(EXERCISES)}")
    return EXERCISES[name]


def hint_text(name: str, level: int) -> str:
    hints = _exercise(name).hints
    level = max(1, min(level, len(hints)))
    text = f"**Hint {level} of {len(hints)} for `{name}`:** {hints[level - 1]}"
    if level < len(hints):
        return text + f"\n\nStill stuck? Run `hint('{name}')` again for the next hint."
    return text + f"\n\nThat was the last hint. `solution('{name}')` shows a model answer."


def hint(name: str, level: int | None = None) -> None:
    """Show the next hint for exercise `name` (or hint number `level`, counting from 1)."""
    if level is None:
        level = min(_shown.get(name, 0) + 1, len(_exercise(name).hints))
    _shown[name] = max(_shown.get(name, 0), level)
    _show(hint_text(name, level))


def public_path(obj) -> str:
    """Where to import `obj` from: its module, or the shortest parent package that exposes it
    (course_utils.schedules.cosine_lr, not course_utils.schedules.decay.cosine_lr)."""
    module = obj.__module__
    while "." in module:
        parent = module.rpartition(".")[0]
        if getattr(importlib.import_module(parent), obj.__name__, None) is not obj:
            break
        module = parent
    return f"{module}.{obj.__name__}"


def solution_text(name: str) -> str:
    exercise = _exercise(name)
    source = inspect.getsource(exercise.solution)
    reference = public_path(exercise.reference)
    return (f"**A model solution for `{name}`** (it passes `check('{name}', ...)`; the "
            f"library's version is `{reference}`):"
            f"\n\n```python\n{source}```")


def solution(name: str) -> None:
    """Show a model solution for exercise `name`."""
    _show(solution_text(name))
