"""Notebook harness: solutions/ pass nbval; student notebooks/ run, every check not attempted."""

import os
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from course_utils import notebook_build

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "notebooks" / "98_fixture_double.ipynb"
SOLUTIONS = sorted((ROOT / "solutions").glob(notebook_build.NOTEBOOK_GLOB))
STUDENT_NOTEBOOKS = sorted((ROOT / "notebooks").glob(notebook_build.NOTEBOOK_GLOB))
CELL_TIMEOUT = 300  # seconds; a hang guard, not a speed target
NBVAL_ARGS = ["--nbval", "--nbval-current-env", f"--nbval-cell-timeout={CELL_TIMEOUT}"]
CHECK_CALL = re.compile(r"^\s*(?:[\w.]+\.)?check\(", re.MULTILINE)
TEXT_MIMES = ("text/plain", "text/html", "text/markdown")

pytestmark = pytest.mark.notebooks


def each(paths: list[Path], folder: str) -> list:
    """One param per notebook, or one skipped param saying the folder is still empty."""
    if not paths:
        return [pytest.param(None, id="none", marks=pytest.mark.skip(reason=f"{folder} is empty"))]
    return [pytest.param(path, id=path.stem) for path in paths]


def run_nbval(notebook: Path, workdir: Path) -> subprocess.CompletedProcess:
    """Run nbval on one notebook in a fresh pytest, isolated from this project's config."""
    (workdir / "pytest.ini").write_text("[pytest]\n")
    env = {**os.environ, "LR_COURSE_DATA": str(workdir / "data")}
    command = [
        sys.executable,
        "-m",
        "pytest",
        *NBVAL_ARGS,
        "-p",
        "no:cacheprovider",
        "-c",
        str(workdir / "pytest.ini"),
        "--rootdir",
        str(workdir),
        str(notebook),
    ]
    return subprocess.run(
        command, cwd=workdir, env=env, capture_output=True, text=True, timeout=CELL_TIMEOUT * 4
    )


def nbval_in_config(config: pytest.Config) -> bool:
    return bool(config.getoption("nbval") or config.getoption("nbval_lax"))


@pytest.mark.parametrize("solution", each(SOLUTIONS, "solutions/"))
def test_solution_passes_nbval(solution, tmp_path, request):
    if nbval_in_config(request.config):
        pytest.skip("solutions/ is collected by nbval itself (--nbval in addopts)")
    result = run_nbval(solution, tmp_path)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]


def test_nbval_passes_the_fixture_solution(tmp_path):
    result = run_nbval(FIXTURE, tmp_path)
    assert result.returncode == 0, result.stdout[-4000:]
    assert re.search(r"\b5 passed\b", result.stdout), result.stdout[-2000:]


def test_nbval_catches_a_stale_output(tmp_path):
    nb = nbformat.read(FIXTURE, as_version=4)
    nb.cells[3].outputs[0].text = "double: failed\n"
    stale = tmp_path / FIXTURE.name
    nbformat.write(nb, stale)
    result = run_nbval(stale, tmp_path)
    assert result.returncode == 1
    assert "Cell outputs differ" in result.stdout and "double: failed" in result.stdout


def execute(notebook: Path, workdir: Path) -> nbformat.NotebookNode:
    """Run a notebook top to bottom with papermill in `workdir`; fail on a cell error."""
    import papermill

    out = workdir / f"executed_{notebook.name}"
    try:
        papermill.execute_notebook(
            str(notebook),
            str(out),
            kernel_name="python3",
            cwd=str(workdir),
            execution_timeout=CELL_TIMEOUT,
            progress_bar=False,
            log_output=False,
        )
    except papermill.PapermillExecutionError as exc:
        pytest.fail(f"{notebook.name}: cell [{exc.exec_count}] raised {exc.ename}: {exc.evalue}")
    return nbformat.read(out, as_version=4)


def output_text(cell) -> str:
    """Everything a code cell showed, as text (streams and text-like display data)."""
    parts = []
    for output in cell.get("outputs", []):
        parts.append(output.get("text", ""))
        parts.extend(str(output.get("data", {}).get(mime, "")) for mime in TEXT_MIMES)
    return "".join(parts)


def student_problems(nb) -> list[str]:
    """Errors, and check cells that did not report `not attempted`, in an executed notebook."""
    problems, checks = [], 0
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        for output in cell.outputs:
            if output.output_type == "error":
                problems.append(f"cell {index}: {output.ename}: {output.evalue}")
        if CHECK_CALL.search(cell.source):
            checks += 1
            if "not attempted" not in output_text(cell).lower():
                problems.append(
                    f"cell {index}: check did not say 'not attempted': {output_text(cell)[:300]!r}"
                )
    stubs = sum(cell.source.count(notebook_build.STUB_LINES[1]) for cell in nb.cells)
    if stubs and not checks:
        problems.append(f"{stubs} exercise stub(s) but no check cell")
    return problems


@pytest.fixture
def course_data(tmp_path, monkeypatch):
    """Kernels started by the test write progress under tmp_path, not the user's data."""
    monkeypatch.setenv("LR_COURSE_DATA", str(tmp_path / "data"))
    return tmp_path


@pytest.mark.parametrize("notebook", each(STUDENT_NOTEBOOKS, "notebooks/"))
def test_student_notebook_runs_with_checks_not_attempted(notebook, course_data):
    problems = student_problems(execute(notebook, course_data))
    assert not problems, f"{notebook.name}:\n" + "\n".join(problems)


def test_fixture_student_copy_runs_with_check_not_attempted(course_data):
    student, _ = notebook_build.student_copy(nbformat.read(FIXTURE, as_version=4), FIXTURE)
    path = course_data / FIXTURE.name
    path.write_text(notebook_build.render(student), encoding="utf-8")
    executed = execute(path, course_data)
    assert student_problems(executed) == []
    assert output_text(executed.cells[3]) == "double: not attempted\n"
    del executed.cells[3]
    assert student_problems(executed) == ["1 exercise stub(s) but no check cell"]


def test_harness_rejects_a_solved_check_and_errors(course_data):
    executed = execute(FIXTURE, course_data)
    assert student_problems(executed) == [
        "cell 3: check did not say 'not attempted': 'double: passed\\n'"
    ]
    executed.cells[5].outputs.append(
        nbformat.v4.new_output("error", ename="ValueError", evalue="boom", traceback=[])
    )
    assert "cell 5: ValueError: boom" in student_problems(executed)


def test_execute_reports_the_failing_cell(course_data):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 / 0")])
    path = course_data / "broken.ipynb"
    nbformat.write(nb, path)
    with pytest.raises(pytest.fail.Exception, match="ZeroDivisionError"):
        execute(path, course_data)
