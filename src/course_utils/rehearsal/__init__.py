"""Rehearsal for interviews: question bank, generated questions, drills, progress, Anki, widgets.

In a notebook: `from course_utils.rehearsal import drill, mock_interview, quiz`.
"""

from course_utils.lazy import lazy_exports as _lazy_exports

# Lazy: the CLI imports this package; ipywidgets loads only when a notebook asks for a widget.
EXPORTS = {
    "drill": "course_utils.rehearsal.widgets",
    "mock_interview": "course_utils.rehearsal.widgets",
    "quiz": "course_utils.rehearsal.widgets",
    "topic_weights": "course_utils.rehearsal.selection",
}
__all__ = sorted(EXPORTS)
__getattr__, __dir__ = _lazy_exports(__name__, EXPORTS)
