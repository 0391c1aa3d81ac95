"""The learner's API: course_utils and course_utils.rehearsal offer a lesson's names, lazily."""

import ast
import inspect
import json
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest

import course_utils
import course_utils.rehearsal as rehearsal

SOLUTIONS = sorted((Path(__file__).resolve().parents[1] / "solutions").glob("*.ipynb"))


def test_dir_lists_every_name_a_notebook_imports():
    assert "check" in dir(course_utils)
    assert set(course_utils.EXPORTS) <= set(dir(course_utils))
    assert {"drill", "mock_interview", "quiz"} <= set(dir(rehearsal))


@pytest.mark.parametrize(("package", "name"), [
    *[(course_utils, name) for name in course_utils.EXPORTS],
    *[(rehearsal, name) for name in rehearsal.EXPORTS],
])
def test_every_name_is_the_one_its_module_defines(package, name):
    value = getattr(package, name)
    source = sys.modules[package.EXPORTS[name]]
    assert getattr(source, name) is value
    assert inspect.getmodule(value) is not None


def test_unknown_names_raise_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'chekc'"):
        course_utils.chekc  # noqa: B018


def test_import_stays_cheap():
    code = "import sys, course_utils, course_utils.rehearsal; print(sorted(sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, check=True)
    loaded = set(ast.literal_eval(done.stdout))
    assert not loaded & {"torch", "matplotlib", "ipywidgets", "numpy"}


def test_the_version_is_the_installed_distributions():
    assert course_utils.__version__ == metadata.version(course_utils.DISTRIBUTION)


def _course_imports(source: str) -> set[str]:
    lines = [line for line in source.splitlines() if not line.lstrip().startswith(("%", "!"))]
    modules = set()
    for node in ast.walk(ast.parse("\n".join(lines))):
        if isinstance(node, ast.ImportFrom) and node.module:
            modules.add(node.module)
        elif isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
    return {m for m in modules if m.split(".")[0] == "course_utils"}


@pytest.mark.parametrize("path", SOLUTIONS, ids=lambda p: p.stem)
def test_a_notebooks_first_cell_imports_the_course_from_two_places_at_most(path):
    cells = json.loads(path.read_text())["cells"]
    first = next(cell for cell in cells if cell["cell_type"] == "code")
    places = _course_imports("".join(first["source"]))
    assert places <= {"course_utils", "course_utils.rehearsal"}, places
