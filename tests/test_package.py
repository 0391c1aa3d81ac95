"""The learner's API: course_utils and course_utils.rehearsal offer a lesson's names, lazily."""

import ast
import inspect
import subprocess
import sys
from importlib import metadata

import pytest

import course_utils
import course_utils.rehearsal as rehearsal


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
