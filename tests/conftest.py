"""Shared pytest setup: notebooks under tests/ are data; nbval cells are `notebooks` tests."""

import os
import shutil
import tempfile
from pathlib import Path

import pytest

# Fixture and corpus notebooks (some broken or hostile on purpose) are never collected by nbval.
collect_ignore_glob = ["*.ipynb"]


def _nbval_active(config: pytest.Config) -> bool:
    option = config.option
    return bool(getattr(option, "nbval", False) or getattr(option, "nbval_lax", False))


OWN_DATA = "LR_COURSE_DATA_FROM_PYTEST"  # set when LR_COURSE_DATA is this session's own folder


def pytest_configure(config: pytest.Config) -> None:
    # Notebooks run by nbval must not write the user's real progress database; each xdist
    # worker gets a folder of its own (they inherit the controller's environment).
    if _nbval_active(config) and ("LR_COURSE_DATA" not in os.environ or OWN_DATA in os.environ):
        data = tempfile.mkdtemp(prefix="lr-course-nbval-")
        os.environ["LR_COURSE_DATA"], os.environ[OWN_DATA] = data, "1"
        config.add_cleanup(lambda: shutil.rmtree(data, ignore_errors=True))


# Under pytest-xdist (`make test` runs `-n auto --dist loadfile`) a file's tests run on one worker,
# in order (nbval runs a notebook's cells in one kernel). The grading tests are one unit: they watch
# the whole machine (processes left running, temp folders, files planted anywhere) while a batch is
# graded, so no other grading may overlap them.
SHARED_UNITS = {"test_grading_": "tests/test_grading_*.py"}
# Files of long, independent tests (a notebook run in JupyterLab or by papermill each): every test
# is a unit of its own, so that they spread over the workers (each starts its own JupyterLab).
SPLIT_FILES = ("test_notebooks_in_lab.py", "test_notebooks.py")
# The longest units start first, so neither worker is left with a long tail at the end.
LONGEST_FIRST = ("test_cpu_kernels.py", "test_grading_", "test_notebooks_in_lab.py",
                 "test_notebooks.py", "test_exercises_mutants.py")


def work_unit(nodeid: str) -> str:
    """The unit of work a test belongs to: its file, a unit several files share, or itself."""
    path = nodeid.split("::", 1)[0]
    name = path.rsplit("/", 1)[-1]
    if name in SPLIT_FILES:
        return nodeid
    return next((unit for prefix, unit in SHARED_UNITS.items() if name.startswith(prefix)), path)


def pytest_xdist_make_scheduler(config: pytest.Config, log):
    if config.getvalue("dist") != "loadfile":
        return None  # xdist's own
    from xdist.scheduler import LoadFileScheduling

    class UnitScheduling(LoadFileScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return work_unit(nodeid)

    return UnitScheduling(config, log)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # nbval cells carry the `notebooks` marker, so `-m "not notebooks"` skips them too.
    for item in items:
        if type(item).__module__.startswith("nbval"):
            item.add_marker(pytest.mark.notebooks)

    def rank(item: pytest.Item) -> int:
        name = Path(item.path).name
        return next((i for i, first in enumerate(LONGEST_FIRST) if name.startswith(first)),
                    len(LONGEST_FIRST))

    items.sort(key=rank)  # stable: within a unit the collection order stays
