"""The hostile submissions, graded by `lr-course grade --isolation namespaces` run by an ordinary
user (nobody) who owns the course install and the submissions: every attack fails, the batch
goes on, and nothing outside the sandbox changes. As root, test_grading_corpus grades them.

Without namespaces, as such a user, the same batch lets the code edit the course library,
read the other submissions and solutions/, reach a TCP server on 127.0.0.1, ptrace the
sandbox server, and kill(-1) ends the grader with no output (README, "Isolation").
"""

import glob
import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from course_utils.grading import isolation
from tests.hostile_course import Listener, grade, make_course
from tests.test_grading_corpus import GOLDEN, _build_module, _sleepers

USER = "nobody"
hostile = _build_module().hostile
NAMES = sorted(f"{name}.ipynb" for name in hostile.ATTACKS)

pytestmark = [
    pytest.mark.skipif(os.geteuid() != 0, reason="grading as another user needs root (as "
                       "you, an ordinary user, test_grading_corpus grades these files)"),
    pytest.mark.skipif(isolation.unavailable() is not None,
                       reason=f"namespaces are not available here: {isolation.unavailable()}"),
]


def _planted(folders) -> set:
    return {f for folder in folders for f in glob.glob(os.path.join(folder, hostile.MARKER + "*"))}


@pytest.fixture(scope="module")
def graded():
    folder = Path(tempfile.mkdtemp(prefix="lr-course-hostile-"))  # pytest's tmp is root-only
    try:
        course = make_course(folder, [*NAMES, "correct.ipynb"], owner=USER)
        places = ["/tmp", "/var/tmp", "/dev/shm", course.root, course.submissions,
                  course.library()]
        before, planted = course.snapshot(), _planted(places)
        with Listener(hostile.PORTS) as listener:
            run = grade(course, USER, "--json", "--isolation", "namespaces")
        after, new_files = course.snapshot(), _planted(places) - planted
        for path in new_files:
            os.unlink(path)
        yield {"run": run, "changed": {p for p in before.keys() | after.keys()
                                       if before.get(p) != after.get(p)},
               "planted": new_files, "connections": listener.connections,
               "received": listener.received, "sleepers": _sleepers()}
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_the_batch_is_graded_to_the_end(graded):
    run = graded["run"]
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["isolation"] == "namespaces"
    assert sorted(Path(s["path"]).name for s in data["submissions"]) == sorted(
        [*NAMES, "correct.ipynb"])


@pytest.mark.parametrize("name", NAMES)
def test_every_attack_fails_inside_the_sandbox(graded, name):
    rows = {Path(s["path"]).name: s for s in json.loads(graded["run"].stdout)["submissions"]}
    row, want = rows[name], GOLDEN[name]
    assert {e["name"]: e["status"] for e in row["exercises"]} == want["statuses"]
    assert want["message"] in row["exercises"][0]["message"], row["exercises"][0]["message"]


def test_the_other_submission_still_passes(graded):
    rows = {Path(s["path"]).name: s for s in json.loads(graded["run"].stdout)["submissions"]}
    assert rows["correct.ipynb"]["score"] == rows["correct.ipynb"]["max_score"] == 10


def test_nothing_outside_the_sandbox_changed(graded):
    assert graded["changed"] == set()  # library, venv, solutions, submissions: as they were
    assert graded["planted"] == set()
    assert (graded["connections"], graded["received"]) == (0, [])
    assert graded["sleepers"] == []
