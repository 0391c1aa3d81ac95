"""Shared pytest setup: notebooks under tests/ are data; nbval cells are `notebooks` tests."""

import os
import shutil
import tempfile

import pytest

# Fixture and corpus notebooks (some broken or hostile on purpose) are never collected by nbval.
collect_ignore_glob = ["*.ipynb"]


def _nbval_active(config: pytest.Config) -> bool:
    option = config.option
    return bool(getattr(option, "nbval", False) or getattr(option, "nbval_lax", False))


def pytest_configure(config: pytest.Config) -> None:
    # Notebooks run by nbval must not write the user's real progress database.
    if _nbval_active(config) and "LR_COURSE_DATA" not in os.environ:
        data = tempfile.mkdtemp(prefix="lr-course-nbval-")
        os.environ["LR_COURSE_DATA"] = data
        config.add_cleanup(lambda: shutil.rmtree(data, ignore_errors=True))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # nbval cells carry the `notebooks` marker, so `-m "not notebooks"` skips them too.
    for item in items:
        if type(item).__module__.startswith("nbval"):
            item.add_marker(pytest.mark.notebooks)
