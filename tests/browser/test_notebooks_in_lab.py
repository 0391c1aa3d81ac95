"""Every course notebook runs in JupyterLab: widgets render, no errors, checks and sliders work."""

import re
from pathlib import Path

import pytest

from .lab_checks import (
    answer_quizzes,
    assert_checks_report,
    assert_no_bare_reprs,
    assert_no_error_outputs,
    assert_sliders_redraw,
    assert_widgets_render,
)
from .lab_page import full_screenshot, open_notebook, read_cells, run_all_cells

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "build" / "screenshots"
# DESIGN.md: every scheduler notebook (01 to 07) has a slider explorer.
SCHEDULER_NOTEBOOK = re.compile(r"0[1-7]_\w+\.ipynb")
# What a check cell must show after Run All, by copy.
CHECK_STATUS = {"notebooks": "not_attempted", "solutions": "passed", "fixtures": "not_attempted"}
COURSE_NOTEBOOKS = [
    f"{copy}/{path.name}" for copy in ("notebooks", "solutions")
    for path in sorted((REPO / copy).glob("*.ipynb"))
]  # fmt: skip


def run_in_lab(page, path: str) -> list[dict]:
    """Open `path` in JupyterLab, run all cells, save a screenshot; return the cells."""
    open_notebook(page, path)
    run_all_cells(page)
    copy, name = path.split("/")
    full_screenshot(page, SCREENSHOTS / f"{copy}_{Path(name).stem}.png")
    return read_cells(page)


def check_notebook(page, cells: list[dict], status: str) -> dict[str, int]:
    """All the in-browser checks on a notebook that ran; return what was exercised."""
    assert_widgets_render(page)
    assert_no_error_outputs(cells)
    assert_no_bare_reprs(cells)
    counts = {"checks": assert_checks_report(cells, status)}
    counts["sliders"] = assert_sliders_redraw(page)
    counts["quizzes"] = answer_quizzes(page)
    assert_widgets_render(page)
    assert_no_error_outputs(read_cells(page))  # nothing broke while sliding and answering
    return counts


@pytest.mark.parametrize("path", COURSE_NOTEBOOKS)
def test_course_notebook_runs_in_lab(lab_page, path):
    cells = run_in_lab(lab_page, path)
    counts = check_notebook(lab_page, cells, CHECK_STATUS[path.split("/")[0]])
    if SCHEDULER_NOTEBOOK.fullmatch(Path(path).name):
        assert counts["sliders"] >= 1, f"{path}: a scheduler notebook shows no slider explorer"


def test_fixture_explorer_passes_every_check(lab_page):
    cells = run_in_lab(lab_page, "fixtures/slider_explorer.ipynb")
    counts = check_notebook(lab_page, cells, "not_attempted")
    assert counts == {"checks": 1, "sliders": 1, "quizzes": 1}


def test_broken_fixture_fails_each_check(lab_page):
    cells = run_in_lab(lab_page, "fixtures/broken_explorer.ipynb")
    with pytest.raises(AssertionError, match="a widget did not render: 1 error widget"):
        assert_widgets_render(lab_page)
    with pytest.raises(AssertionError, match="AssertionError: my_cosine_lr: failed") as error:
        assert_no_error_outputs(cells)
    assert "Traceback shown in a widget: ValueError: raised inside an Output widget" in str(
        error.value
    )
    with pytest.raises(AssertionError, match=r"shows '<__main__.Explorer at 0x\w+>' instead"):
        assert_no_bare_reprs(cells)
    with pytest.raises(AssertionError, match="check cells not showing 'not_attempted'"):
        assert_checks_report(cells, "not_attempted")
    with pytest.raises(AssertionError, match=r"slider 0 \(total_steps\): the plot did not redraw"):
        assert_sliders_redraw(lab_page, timeout_s=3)
    with pytest.raises(AssertionError, match="quiz 0: no feedback after answering"):
        answer_quizzes(lab_page, timeout_ms=3000)
