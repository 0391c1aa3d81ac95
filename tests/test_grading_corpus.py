"""The hostile and broken submission corpus gives its golden verdicts, in one batch."""

import importlib.util
import json
import os
import tempfile
from pathlib import Path

import pytest

from course_utils.grading.cli import grade_all
from course_utils.grading.grade import STATUSES, Limits

FIXTURES = Path(__file__).parent / "fixtures" / "submissions"
GOLDEN = json.loads((FIXTURES / "expected.json").read_text())["submissions"]
LIMITS = Limits(timeout=8.0, memory=1024 * 2**20)


def _build_module():
    spec = importlib.util.spec_from_file_location("submissions_build", FIXTURES / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _sleepers() -> list[int]:
    """Processes left from spawns_processes.ipynb (`sleep 4242`)."""
    found = []
    for entry in os.listdir("/proc"):
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as cmdline:
                if cmdline.read() == b"sleep\x004242\x00":
                    found.append(int(entry))
        except (OSError, ValueError):
            pass
    return found


def _temp_dirs() -> set:
    return set(Path(tempfile.gettempdir()).glob("lr-course-grade-*"))


@pytest.fixture(scope="module")
def graded():
    paths = sorted(FIXTURES.glob("*.ipynb"))
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in paths}
    temp_before = _temp_dirs()
    results = grade_all(paths, LIMITS, jobs=2)
    after = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in paths}
    return {
        "results": {Path(r.path).name: r for r in results},
        "untouched": before == after,
        "new_temp_dirs": _temp_dirs() - temp_before,
        "sleepers": _sleepers(),
    }


def test_fixture_files_are_what_build_writes():
    build = _build_module()
    expected = {name: build.render(content) for name, content in build.submissions().items()}
    on_disk = {p.name: p.read_bytes() for p in FIXTURES.glob("*.ipynb")}
    assert on_disk == expected
    assert set(GOLDEN) == set(expected)


def test_every_file_gets_a_row(graded):
    assert set(graded["results"]) == set(GOLDEN)


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_golden_result(graded, name):
    want, got = GOLDEN[name], graded["results"][name]
    assert {e.name: e.status for e in got.exercises} == want["statuses"], [
        e.message for e in got.exercises]
    assert (got.score, got.max_score) == (want["score"], want["max_score"])
    if want["error"] is None:
        assert got.error is None
    else:
        assert want["error"] in (got.error or "")
    if "message" in want:
        assert want["message"] in got.exercises[0].message
    for exercise in got.exercises:
        assert exercise.status in STATUSES
        assert exercise.points == (exercise.max_points if exercise.status == "passed" else 0)


def test_no_false_passes(graded):
    """Every pass in the corpus is a correct function; hostile tricks never pass."""
    passed = {name for name, r in graded["results"].items()
              for e in r.exercises if e.status == "passed"}
    expected = {name for name, g in GOLDEN.items() if "passed" in g["statuses"].values()}
    assert passed == expected
    assert not passed & {name for name in GOLDEN if name.startswith(
        ("monkeypatch", "faked", "check_cell", "hidden", "fake_", "imports_ref", "calls_ref"))}


def test_submissions_are_never_written(graded):
    assert graded["untouched"]


def test_spawned_processes_are_killed(graded):
    assert graded["sleepers"] == []


def test_temp_dirs_are_removed(graded):
    assert graded["new_temp_dirs"] == set()
