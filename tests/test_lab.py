"""lr-course lab: finds the course's notebooks/ from anywhere inside it, or says it cannot."""

import sys

from course_utils.cli import main
from course_utils.lab import find_notebooks, jupyter_command


def test_notebooks_are_found_from_a_subfolder(tmp_path):
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "pyproject.toml").write_text("")
    (tmp_path / "notebooks" / "deep").mkdir()
    assert find_notebooks(tmp_path / "notebooks" / "deep") == tmp_path / "notebooks"


def test_outside_a_course_is_a_usage_error(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["lab"]) == 2
    assert capsys.readouterr().err.startswith("lr-course lab: error: no course notebooks/")


def test_the_command_is_this_environments_jupyterlab(tmp_path):
    argv = jupyter_command(tmp_path, 8899, no_browser=True)
    assert argv[:3] == [sys.executable, "-m", "jupyterlab"]
    assert f"--ServerApp.root_dir={tmp_path}" in argv and "--ServerApp.port=8899" in argv
    assert "--no-browser" in argv
