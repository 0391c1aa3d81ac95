"""solutions/ -> notebooks/: stubs, cleaning, determinism, --check and the no-leak guard."""

from pathlib import Path

import nbformat
import pytest
from nbformat import v4

from course_utils import notebook_build as nbb
from course_utils.cli import main

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "notebooks" / "98_fixture_double.ipynb"
STUB = ["    # YOUR CODE HERE", '    raise NotImplementedError("Your code here")']

EXERCISE = """\
import math

def cosine_lr(step, total_steps, max_lr=1e-3, min_lr=1e-6):
    ### BEGIN SOLUTION
    progress = min(step, total_steps) / total_steps
    return min_lr + 0.5 * (max_lr - min_lr) * (1 + math.cos(math.pi * progress))
    ### END SOLUTION

def step_lr(epoch, base_lr, step_size, gamma=0.1):
    if epoch < 0:
        raise ValueError("epoch >= 0")
        ### BEGIN SOLUTION
    return base_lr * gamma ** (epoch // step_size)
        ### END SOLUTION
"""


def make_solution(cells, nbformat_minor=5) -> nbformat.NotebookNode:
    nb = v4.new_notebook(cells=cells)
    nb.nbformat_minor = nbformat_minor
    for index, cell in enumerate(nb.cells):
        cell["id"] = f"c{index}"
    return nb


def sample_solution() -> nbformat.NotebookNode:
    code = v4.new_code_cell(EXERCISE, execution_count=3, metadata={"scrolled": True, "tags": []})
    code.outputs = [v4.new_output("stream", name="stdout", text="secret output\n")]
    nb = make_solution(
        [
            v4.new_markdown_cell(
                "# Cosine\n\nHint first.\n<!-- BEGIN SOLUTION -->\nClamp the progress.\n"
                "<!-- END SOLUTION -->\nThe end."
            ),
            code,
            v4.new_code_cell("print(cosine_lr(5, 10))", metadata={"tags": ["solution-only"]}),
            v4.new_code_cell("check('cosine_lr', cosine_lr)", metadata={"tags": ["nbval-skip"]}),
        ]
    )
    nb.metadata = {
        "kernelspec": {"name": "conda-env-x", "display_name": "X"},
        "language_info": {"name": "python", "version": "3.11.9"},
        "widgets": {"state": {}},
    }
    return nb


def write(nb, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(nbb.render(nb), encoding="utf-8")
    return path


def cli(solutions: Path, notebooks: Path, *flags: str) -> int:
    return main(["build-notebooks", *flags, "--solutions", str(solutions),
                 "--notebooks", str(notebooks)])


@pytest.fixture
def course(tmp_path):
    """A tmp course: solutions/01_cosine.ipynb (stamped) and an empty notebooks/."""
    solutions, notebooks = tmp_path / "solutions", tmp_path / "notebooks"
    nb = nbb.stamp_solution(sample_solution(), "01_cosine")
    write(nb, solutions / "01_cosine.ipynb")
    notebooks.mkdir()
    return solutions, notebooks


def student_of(nb, name="01_cosine.ipynb"):
    return nbb.student_copy(nb, Path(name))[0]


def test_code_regions_become_indented_stubs():
    code = student_of(sample_solution()).cells[1].source.split("\n")
    assert code[2:5] == ["def cosine_lr(step, total_steps, max_lr=1e-3, min_lr=1e-6):", *STUB]
    # a second region, with markers indented deeper than the code they wrap
    assert code[-3:] == [
        "        # YOUR CODE HERE",
        '        raise NotImplementedError("Your code here")',
        "",
    ]
    assert 'raise ValueError("epoch >= 0")' in code[-4]
    assert code[0] == "import math"
    assert not any("SOLUTION" in line or "progress" in line for line in code)


def test_markdown_regions_and_solution_only_cells_are_dropped():
    student = student_of(sample_solution())
    assert [cell.id for cell in student.cells] == ["c0", "c1", "c3"]
    assert student.cells[0].source == "# Cosine\n\nHint first.\nThe end."


def test_outputs_and_metadata_are_cleaned():
    student = student_of(sample_solution())
    code = student.cells[1]
    assert code.outputs == [] and code.execution_count is None
    assert code.metadata == {}  # scrolled dropped, empty tags dropped
    assert student.cells[2].metadata == {"tags": ["nbval-skip"]}
    assert student.metadata == {
        "course": {"notebook": "01_cosine", "copy": "student"},
        "kernelspec": nbb.KERNELSPEC,
        "language_info": {"name": "python"},
    }


def test_stamp_keeps_outputs_and_marks_solution():
    stamped = nbb.stamp_solution(sample_solution(), "01_cosine")
    assert stamped.metadata["course"] == {"notebook": "01_cosine", "copy": "solution"}
    assert stamped.cells[1].outputs[0].text == "secret output\n"
    assert stamped.cells[1].execution_count == 3
    assert "### BEGIN SOLUTION" in stamped.cells[1].source


def test_missing_cell_ids_get_stable_ids():
    nb = make_solution([v4.new_code_cell("x = 1")], nbformat_minor=4)
    del nb.cells[0]["id"]
    first, second = student_of(nb), student_of(nbformat.from_dict(nb))
    assert first.cells[0].id == second.cells[0].id != ""
    assert first.nbformat_minor == 5


@pytest.mark.parametrize(
    ("source", "problem"),
    [
        ("### BEGIN SOLUTION\nx = 1\n", "BEGIN SOLUTION without END"),
        ("x = 1\n### END SOLUTION", "END SOLUTION without BEGIN"),
        ("### BEGIN SOLUTION\n  ### BEGIN SOLUTION\n### END SOLUTION", "nested"),
        ("# BEGIN SOLUTION\nx = 1\n# END SOLUTION", "malformed solution marker"),
    ],
)
def test_bad_code_markers_name_file_and_cell(source, problem):
    nb = make_solution([v4.new_markdown_cell("hi"), v4.new_code_cell(source)])
    with pytest.raises(nbb.BuildError, match=problem) as info:
        student_of(nb, "03_x.ipynb")
    assert "03_x.ipynb: cell 1 (id c1, code)" in str(info.value)


def test_bad_markdown_markers_are_errors():
    nb = make_solution([v4.new_markdown_cell("<!-- BEGIN SOLUTION -->\nsecret")])
    with pytest.raises(nbb.BuildError, match=r"cell 0.*BEGIN SOLUTION without END"):
        student_of(nb)
    nb = make_solution([v4.new_markdown_cell("### BEGIN SOLUTION\nsecret\n### END SOLUTION")])
    with pytest.raises(nbb.BuildError, match="malformed"):
        student_of(nb)


def test_guard_fails_when_a_solution_line_leaks():
    leaky = "def f(x):\n    ### BEGIN SOLUTION\n    return x * 42\n    ### END SOLUTION"
    nb = make_solution([v4.new_code_cell(leaky), v4.new_markdown_cell("Hint: `return x * 42`")])
    assert nbb.student_copy(nb, Path("a.ipynb"))[1].lines == {"return x * 42"}
    nb.cells[1].source = "Hint:\n    return x * 42"
    with pytest.raises(nbb.BuildError, match=r"still in the student copy: \['return x \* 42'\]"):
        student_of(nb)


def test_guard_ignores_trivial_lines():
    trivial = "def f(x):\n    ### BEGIN SOLUTION\n    pass\n    return\n    )\n    ### END SOLUTION"
    nb = make_solution([v4.new_code_cell(trivial), v4.new_code_cell("pass\nreturn\n)")])
    student_of(nb)
    assert nbb.is_trivial("  ])") and nbb.is_trivial("```python")
    assert not nbb.is_trivial("return lr")


def test_build_then_check_in_sync_and_byte_identical(course, capsys):
    solutions, notebooks = course
    assert cli(solutions, notebooks) == 0
    target = notebooks / "01_cosine.ipynb"
    first = target.read_bytes()
    assert first.endswith(b"}\n") and b'\n "cells": [\n  {\n' in first  # indent 1
    assert cli(solutions, notebooks) == 0
    assert target.read_bytes() == first
    assert cli(solutions, notebooks, "--check") == 0
    assert "in sync" in capsys.readouterr().out
    assert nbformat.read(target, as_version=4).metadata["course"]["copy"] == "student"


def test_check_lists_missing_stale_and_extra(course, capsys):
    solutions, notebooks = course
    write(nbb.stamp_solution(sample_solution(), "02_more"), solutions / "02_more.ipynb")
    cli(solutions, notebooks)
    (notebooks / "01_cosine.ipynb").unlink()  # missing
    stale = notebooks / "02_more.ipynb"
    stale.write_text(stale.read_text().replace("Hint first.", "Edited."))  # stale
    write(v4.new_notebook(), notebooks / "07_gone.ipynb")  # extra: solution deleted
    write(v4.new_notebook(), notebooks / "scratch.ipynb")  # not a course notebook
    before = {p.name: p.read_bytes() for p in notebooks.iterdir()}
    capsys.readouterr()
    assert cli(solutions, notebooks, "--check") == 1
    out = capsys.readouterr().out
    assert "missing: " in out and "01_cosine.ipynb" in out
    assert "stale: " in out and "02_more.ipynb" in out
    assert "extra: " in out and "07_gone.ipynb" in out
    assert "scratch" not in out
    assert {p.name: p.read_bytes() for p in notebooks.iterdir()} == before  # wrote nothing
    assert cli(solutions, notebooks) == 0
    assert sorted(p.name for p in notebooks.iterdir()) == [
        "01_cosine.ipynb",
        "02_more.ipynb",
        "scratch.ipynb",
    ]
    assert cli(solutions, notebooks, "--check") == 0


def test_unstamped_solution_is_reported_and_stamped_on_request(tmp_path, capsys):
    solutions, notebooks = tmp_path / "solutions", tmp_path / "notebooks"
    source = write(sample_solution(), solutions / "01_cosine.ipynb")
    assert cli(solutions, notebooks) == 0
    assert cli(solutions, notebooks, "--check") == 1
    assert "unstamped: " in capsys.readouterr().out
    assert cli(solutions, notebooks, "--stamp-solutions") == 0
    stamped = nbformat.read(source, as_version=4)
    assert stamped.metadata["course"] == {"notebook": "01_cosine", "copy": "solution"}
    assert stamped.cells[1].outputs[0].text == "secret output\n"
    assert cli(solutions, notebooks, "--check") == 0


def test_bad_markers_write_nothing(course, capsys):
    solutions, notebooks = course
    bad = make_solution([v4.new_code_cell("### BEGIN SOLUTION\nx = 1")])
    write(bad, solutions / "02_bad.ipynb")
    (solutions / "03_broken.ipynb").write_text("{not json")
    assert cli(solutions, notebooks) == 1
    err = capsys.readouterr().err
    assert "02_bad.ipynb: cell 0" in err and "03_broken.ipynb: not a readable notebook" in err
    assert "nothing written" in err
    assert list(notebooks.iterdir()) == []


def test_missing_solutions_folder_is_a_usage_error(tmp_path, monkeypatch, capsys):
    assert cli(tmp_path / "nope", tmp_path / "nb") == 2
    assert "lr-course build-notebooks: error: solutions folder not found" in (
        capsys.readouterr().err)
    monkeypatch.chdir(tmp_path)
    assert main(["build-notebooks"]) == 2
    assert "no course repository" in capsys.readouterr().err


def test_default_folders_are_found_from_a_subdirectory(course, monkeypatch):
    solutions, notebooks = course
    (solutions.parent / "pyproject.toml").write_text("")
    monkeypatch.chdir(notebooks)
    assert main(["build-notebooks"]) == 0
    assert (notebooks / "01_cosine.ipynb").exists()


def test_fixture_solution_builds_cleanly():
    student, removed = nbb.student_copy(nbformat.read(FIXTURE, as_version=4), FIXTURE)
    assert removed.lines == {"result = 2 * x", "return result", "Multiply by two."}
    assert "tags" not in str([cell.metadata for cell in student.cells])


REAL_SOLUTIONS = sorted((ROOT / "solutions").glob(nbb.NOTEBOOK_GLOB))


@pytest.mark.skipif(not REAL_SOLUTIONS, reason="solutions/ has no notebooks yet")
def test_real_notebooks_are_in_sync_and_leak_nothing():
    plan = nbb.plan_build(ROOT / "solutions", ROOT / "notebooks")
    assert plan.problems == [], "run `lr-course build-notebooks`:\n" + "\n".join(plan.problems)
    for source in REAL_SOLUTIONS:
        _, removed = nbb.student_copy(nbformat.read(source, as_version=4), source)
        student = nbformat.read(ROOT / "notebooks" / source.name, as_version=4)
        assert student.metadata["course"] == {"notebook": source.stem, "copy": "student"}
        present = {line.strip() for cell in student.cells for line in cell.source.split("\n")}
        leaked = [line for line in removed.lines & present if not nbb.is_trivial(line)]
        assert not leaked, f"{source.name}: solution lines in the student copy: {leaked}"
        assert all(not cell.get("outputs") for cell in student.cells)
