"""check(): run_check plus a readable verdict in the notebook; asserts when the code is wrong."""

import html

from course_utils.checks import run_check
from course_utils.verdict import CheckResult

_STYLE = {
    "passed": ("#e6f4ea", "#1e7e34", "✔ passed"),
    "failed": ("#fdecea", "#b02a37", "✘ failed"),
    "error": ("#fdecea", "#b02a37", "✘ error"),
    "not_attempted": ("#f1f3f5", "#495057", "… not attempted"),
}


class CheckFailed(AssertionError):
    """A wrong answer: an AssertionError whose notebook traceback is just the message."""

    def _render_traceback_(self):
        return [f"CheckFailed: {self.args[0]}"]


def result_html(result: CheckResult) -> str:
    background, color, badge = _STYLE[result.status]
    return (
        f'<div class="lr-check lr-check-{result.status}" style="background:{background};'
        f"border-left:4px solid {color};padding:6px 10px;margin:4px 0;font-family:"
        f'var(--jp-code-font-family, monospace)"><b style="color:{color}">{badge}</b> '
        f"<code>{html.escape(result.name)}</code>"
        f'<pre style="white-space:pre-wrap;margin:4px 0 0 0;background:none">'
        f"{html.escape(result.message)}</pre></div>"
    )


def _in_notebook() -> bool:
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    return shell is not None and hasattr(shell, "kernel")


def check(name: str, obj) -> None:
    """Check the learner's `obj` for exercise `name`, show the verdict, assert on failure.

    Returns None: the verdict is shown (a coloured box in a notebook, its text elsewhere);
    `course_utils.checks.run_check(name, obj)` returns it as a CheckResult. A stub that still
    raises NotImplementedError is reported as not attempted without raising, so "Run All"
    on a fresh notebook runs to the end.
    """
    result = run_check(name, obj)
    if _in_notebook():
        from IPython.display import display

        display({"text/html": result_html(result), "text/plain": result.message}, raw=True)
    else:
        print(result.message)
    if result.status in ("failed", "error"):
        raise CheckFailed(result.message)
