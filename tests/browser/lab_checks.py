"""Assertions on a notebook that ran in JupyterLab: widgets, errors, checks, sliders, quizzes."""

import re
import time

from playwright.sync_api import Locator, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

WIDGET_ERROR = "Error displaying widget"
ERROR_WIDGET = ".jupyter-widgets-error-widget"  # ipywidgets 8's view for a widget it cannot load
ALLOWED_ERROR_TAG = "raises-exception"
BARE_REPR = re.compile(r"<[\w.]+ (?:object )?at 0x[0-9a-fA-F]+>")
CHECK_CALL = re.compile(r"(?m)^\s*(?:[\w.]+\.)?check\(\s*[\"']")
DISPLAYED_MIMES = ("text/plain", "text/markdown", "text/html")
REDRAW_TIMEOUT_S = 10.0
QUIZ_FEEDBACK_TIMEOUT_MS = 10_000
QUIZ_NUMBER_ANSWER = "0.001"
_CELL_OF = (
    "xpath=ancestor::div[contains(concat(' ', normalize-space(@class), ' '), ' jp-Cell ')][1]"
)


def assert_widgets_render(page: Page) -> None:
    """No "Error displaying widget" or error widget on the page, and no widget left loading."""
    text = page.locator("body").inner_text()
    if WIDGET_ERROR in text:
        lines = sorted({line.strip() for line in text.splitlines() if WIDGET_ERROR in line})
        raise AssertionError(f"a widget did not render: {'; '.join(lines)}")
    error_widgets = page.locator(ERROR_WIDGET)
    if error_widgets.count():
        first = error_widgets.first
        first.click()  # ipywidgets swaps the icon for the JavaScript error message
        message = first.inner_text().strip().splitlines()
        raise AssertionError(
            f"a widget did not render: {error_widgets.count()} error widget(s), the first says "
            f"{' '.join(message[1:3] or message)[:300]!r}"
        )
    loading = page.locator(
        '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.widget-view+json"]',
        has_text="Loading widget",
    )
    if loading.count():
        raise AssertionError(f"{loading.count()} widget(s) still 'Loading widget...'")


def assert_no_error_outputs(cells: list[dict]) -> None:
    """No error output, no Traceback on stderr or in a widget, except in raises-exception cells."""
    problems = []
    for cell in cells:
        if cell["type"] != "code" or ALLOWED_ERROR_TAG in cell["tags"]:
            continue
        for output in cell["outputs"]:
            if output.get("output_type") == "error":
                problems.append(f"{_where(cell)}: {output['ename']}: {output['evalue']}")
            elif output.get("name") == "stderr" and "Traceback" in _text(output.get("text")):
                problems.append(f"{_where(cell)}: Traceback on stderr")
        if cell["tracebacks"] and not any(o.get("output_type") == "error" for o in cell["outputs"]):
            last = cell["tracebacks"][0].strip().splitlines()[-1]
            problems.append(f"{_where(cell)}: Traceback shown in a widget: {last[:200]}")
    if problems:
        raise AssertionError("error outputs:\n" + "\n".join(problems))


def assert_no_bare_reprs(cells: list[dict]) -> None:
    """No output is just an object's default repr (`<pkg.Explorer at 0x…>`): it should display."""
    problems = []
    for cell in cells:
        for output in cell["outputs"] if cell["type"] == "code" else []:
            data = output.get("data", {})
            plain = _text(data.get("text/plain")).strip()
            if set(data) <= {"text/plain"} and BARE_REPR.fullmatch(plain):
                problems.append(f"{_where(cell)} shows {plain!r} instead of its widget or plot")
    if problems:
        raise AssertionError("objects shown as a bare repr:\n" + "\n".join(problems))


def assert_checks_report(cells: list[dict], status: str) -> int:
    """Every check cell (a `check("name", ...)` call) shows `status`; return how many there are.

    `status` is a CheckResult status ("not_attempted" for student copies, "passed" for
    solutions); the text may spell it with a space or an underscore. A cell whose only
    mention of the status is inside a traceback does not count.
    """
    wanted = status.replace("_", " ").lower()
    problems, count = [], 0
    for cell in cells:
        if cell["type"] != "code" or not CHECK_CALL.search(cell["source"]):
            continue
        count += 1
        shown = _displayed_text(cell)
        if wanted not in shown.replace("_", " ").lower():
            problems.append(f"{_where(cell)} shows {shown.strip()[:300]!r}")
    if problems:
        raise AssertionError(f"check cells not showing {status!r}:\n" + "\n".join(problems))
    return count


def assert_sliders_redraw(page: Page, timeout_s: float = REDRAW_TIMEOUT_S) -> int:
    """Move every slider one step; the images in its cell must change. Return the slider count."""
    sliders = page.locator(".jp-Notebook .widget-slider")
    count = sliders.count()
    for index in range(count):
        slider = sliders.nth(index)
        cell = slider.locator(_CELL_OF)
        images = cell.locator(".jp-Cell-outputArea img")
        name = _slider_name(slider, index)
        if images.count() == 0:
            raise AssertionError(f"{name}: no image in its cell to redraw")
        before_src = _sources(images)
        before_pixels = _pixels(images)
        _move(slider, name)
        deadline = time.monotonic() + timeout_s
        while _sources(images) == before_src:
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"{name}: the plot did not redraw within {timeout_s:.0f}s "
                    "after the slider moved"
                )
            page.wait_for_timeout(100)
        if _pixels(images) == before_pixels:
            raise AssertionError(f"{name}: the plot redrew but looks the same after the move")
    return count


def answer_quizzes(page: Page, timeout_ms: int = QUIZ_FEEDBACK_TIMEOUT_MS) -> int:
    """Answer every `.lr-quiz` card once; each must then show a non-empty `.lr-quiz-feedback`.

    Fits course_utils' QuestionCard: pick the first radio option (or type a number into
    the answer box), click "Check". Returns how many quizzes were answered (0 when none).
    """
    quizzes = page.locator(".jp-Notebook .lr-quiz")
    count = quizzes.count()
    for index in range(count):
        quiz = quizzes.nth(index)
        radio = quiz.locator("input[type=radio]").first
        number_box = quiz.locator("input[type=text], input[type=number]").first
        if radio.count():
            radio.check()
        elif number_box.count():
            number_box.fill(QUIZ_NUMBER_ANSWER)
        else:
            raise AssertionError(f"quiz {index}: no option and no answer box")
        check_button = quiz.get_by_role("button", name="Check")
        (check_button if check_button.count() else quiz.locator("button").first).click()
        feedback = quiz.locator(".lr-quiz-feedback").first
        if feedback.count() == 0:
            raise AssertionError(f"quiz {index}: no element with class lr-quiz-feedback")
        try:
            page.wait_for_function(
                "(node) => node.innerText.trim().length > 0",
                arg=feedback.element_handle(),
                timeout=timeout_ms,
            )
        except PlaywrightTimeoutError:
            raise AssertionError(f"quiz {index}: no feedback after answering") from None
    return count


def _move(slider: Locator, name: str) -> None:
    """Move a slider one step with the keyboard (left when it is already at its maximum)."""
    handle = slider.locator(".noUi-handle").first
    readout = slider.locator(".widget-readout").first
    before = readout.inner_text()
    for key in ("ArrowRight", "ArrowLeft"):
        handle.focus()
        handle.press(key)
        if readout.inner_text() != before:
            return
    raise AssertionError(f"{name}: the slider did not move with the arrow keys")


def _slider_name(slider: Locator, index: int) -> str:
    label = slider.locator(".widget-label").first
    text = label.inner_text().strip() if label.count() else ""
    return f"slider {index} ({text or 'no description'})"


def _sources(images: Locator) -> list[str]:
    return images.evaluate_all("(nodes) => nodes.map((node) => node.src)")


def _pixels(images: Locator) -> list[bytes]:
    return [images.nth(i).screenshot() for i in range(images.count())]


def _where(cell: dict) -> str:
    first = next((line for line in cell["source"].splitlines() if line.strip()), "")
    return f"cell {cell['index']} ({first[:60]!r})"


def _displayed_text(cell: dict) -> str:
    """What a cell displayed on purpose: streams and rich outputs, not error tracebacks."""
    parts = []
    for output in cell["outputs"]:
        if output.get("output_type") == "stream":
            parts.append(_text(output.get("text")))
        elif output.get("output_type") in ("display_data", "execute_result"):
            data = output.get("data", {})
            parts.extend(_text(data.get(mime)) for mime in DISPLAYED_MIMES)
    return "\n".join(part for part in parts if part)


def _text(value) -> str:
    return "".join(value) if isinstance(value, list) else (value or "")
