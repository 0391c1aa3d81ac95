"""The hostile and broken submission corpus gives its golden verdicts, in one batch; the
attacks on the grading machine (hostile_*) fail and change nothing outside the sandbox."""

import glob
import importlib.util
import json
import os
import sysconfig
import tempfile
from pathlib import Path

import pytest

from course_utils.grading import isolation
from course_utils.grading.cli import grade_all
from course_utils.grading.grade import STATUSES, Limits
from tests.hostile_course import Listener

FIXTURES = Path(__file__).parent / "fixtures" / "submissions"
REPO = FIXTURES.parent.parent.parent
GOLDEN = json.loads((FIXTURES / "expected.json").read_text())["submissions"]
LIMITS = Limits(timeout=8.0, memory=1024 * 2**20)
HOSTILE = "hostile_"  # need namespaces: as an ordinary user, kill(-1) would end this test run


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


def _library() -> dict:
    """The course library's files and the venv's site-packages: what tampering would change."""
    files = [p for p in (REPO / "src" / "course_utils").rglob("*") if "__pycache__" not in p.parts]
    site = Path(sysconfig.get_paths()["purelib"])
    return {**{p: p.read_bytes() for p in files if p.is_file()},
            site: sorted(os.listdir(site))}


def _planted(marker: str) -> set:
    """Files the hostile submissions try to create, wherever they could land."""
    folders = [tempfile.gettempdir(), "/tmp", "/var/tmp", "/dev/shm", REPO, FIXTURES,
               REPO / "src" / "course_utils"]
    return {f for folder in folders for f in glob.glob(os.path.join(folder, marker + "*"))}


@pytest.fixture(scope="module")
def graded():
    build = _build_module()
    mode = isolation.choose("auto")[0]
    paths = sorted(p for p in FIXTURES.glob("*.ipynb")
                   if mode == "namespaces" or not p.name.startswith(HOSTILE))
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in paths}
    temp_before, library, planted = _temp_dirs(), _library(), _planted(build.hostile.MARKER)
    with Listener(build.hostile.PORTS) as listener:
        results = grade_all(paths, LIMITS, jobs=2, isolation=mode)
    after = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in paths}
    tampered = {p for p, content in _library().items() if library.get(p) != content}
    for path in tampered:  # put the checkout back as it was before failing
        if isinstance(library.get(path), bytes):
            path.write_bytes(library[path])
    new_files = _planted(build.hostile.MARKER) - planted
    for path in new_files:
        os.unlink(path)
    return {
        "isolation": mode,
        "results": {Path(r.path).name: r for r in results},
        "untouched": before == after,
        "new_temp_dirs": _temp_dirs() - temp_before,
        "sleepers": _sleepers(),
        "tampered": tampered,
        "planted": new_files,
        "received": listener.received,
        "connections": listener.connections,
    }


def test_fixture_files_are_what_build_writes():
    build = _build_module()
    expected = {name: build.render(content) for name, content in build.submissions().items()}
    on_disk = {p.name: p.read_bytes() for p in FIXTURES.glob("*.ipynb")}
    assert on_disk == expected
    assert set(GOLDEN) == set(expected)


def test_every_file_gets_a_row(graded):
    hostile = graded["isolation"] == "namespaces"
    assert set(graded["results"]) == {n for n in GOLDEN if hostile or not n.startswith(HOSTILE)}


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_golden_result(graded, name):
    if name.startswith(HOSTILE) and graded["isolation"] != "namespaces":
        pytest.skip(f"needs --isolation namespaces: {isolation.unavailable()}")
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
    if graded["isolation"] == "namespaces":  # another grader on this machine may make some
        pytest.skip("under namespaces the working folders are tmpfs mounts in the sandbox")
    assert graded["new_temp_dirs"] == set()


def test_the_attacks_changed_nothing_outside_the_sandbox(graded):
    assert graded["tampered"] == set()  # the course library and the venv's packages
    assert graded["planted"] == set()  # no file next to the working folder, in the checkout...
    assert (graded["connections"], graded["received"]) == (0, [])  # the TCP server got nothing
