"""Rehearsal for interviews: question bank, generated questions, drills, progress, Anki, widgets.

In a notebook: `from course_utils.rehearsal import quiz, drill, mock_interview`.
"""

__all__ = ["drill", "mock_interview", "quiz"]


def __getattr__(name):
    # Lazy: the CLI imports this package; ipywidgets loads only when a notebook asks for a widget.
    if name in __all__:
        from course_utils.rehearsal import widgets

        return getattr(widgets, name)
    raise AttributeError(f"module 'course_utils.rehearsal' has no attribute {name!r}")
