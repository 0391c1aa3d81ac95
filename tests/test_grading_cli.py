"""`lr-course grade` end to end: outputs, folder search, exit codes."""

import csv
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from course_utils.grading import isolation
from course_utils.grading.cli import UsageError, collect

FIXTURES = Path(__file__).parent / "fixtures" / "submissions"


def grade(*args, cwd=None, wrap=()):
    return subprocess.run([*wrap, sys.executable, "-m", "course_utils.cli", "grade",
                           *map(str, args)], capture_output=True, text=True, cwd=cwd, timeout=600)


# No user namespace can be made in here, as on a kernel or distribution that forbids them.
NO_USER_NAMESPACES = ["bwrap", "--unshare-user", "--uid", "1000", "--disable-userns",
                      "--dev-bind", "/", "/", "--"]


@pytest.fixture
def folder(tmp_path):
    root = tmp_path / "submissions"
    (root / "group1").mkdir(parents=True)
    (root / ".ipynb_checkpoints").mkdir()
    shutil.copy(FIXTURES / "correct.ipynb", root / "alice.ipynb")
    shutil.copy(FIXTURES / "corpus_wrong_no_clamp.ipynb", root / "group1" / "bob.ipynb")
    shutil.copy(FIXTURES / "correct.ipynb", root / ".ipynb_checkpoints" / "alice-checkpoint.ipynb")
    (root / "group1" / "carol.ipynb").write_bytes(b"")
    (root / "notes.txt").write_text("not graded: not a notebook name")
    return root


def test_json_csv_and_feedback_for_a_folder(folder, tmp_path):
    run = grade(folder, "--json", "--csv", tmp_path / "grades.csv", "--feedback",
                tmp_path / "feedback", "--jobs", "2", "--timeout", "30")
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["isolation"] == isolation.choose("auto")[0]
    rows = {Path(s["path"]).name: s for s in data["submissions"]}
    assert set(rows) == {"alice.ipynb", "bob.ipynb", "carol.ipynb"}
    assert (rows["alice.ipynb"]["score"], rows["alice.ipynb"]["max_score"]) == (10, 10)
    assert rows["bob.ipynb"]["exercises"][0]["status"] == "failed"
    assert rows["carol.ipynb"]["error"] == "empty file, not a notebook"
    table = list(csv.DictReader((tmp_path / "grades.csv").open()))
    assert {Path(r["path"]).name: r["total"] for r in table} == {
        "alice.ipynb": "10", "bob.ipynb": "0", "carol.ipynb": "0"}
    assert sorted(p.relative_to(tmp_path / "feedback").as_posix()
                  for p in (tmp_path / "feedback").rglob("*.md")) == [
        "alice.md", "group1/bob.md", "group1/carol.md"]
    assert "\r" not in run.stderr  # no progress bar when stderr is not a terminal


def test_table_by_default(folder):
    run = grade(folder / "alice.ipynb", "--timeout", "30")
    assert run.returncode == 0, run.stderr
    assert "cosine_lr  passed" in run.stdout and "10/10" in run.stdout
    assert f"isolation: {isolation.choose('auto')[0]}." in run.stdout.splitlines()[-1]


def test_two_learners_with_the_same_notebook_get_their_own_feedback(tmp_path):
    for who, fixture in (("alice", "correct.ipynb"), ("carol", "corpus_wrong_no_clamp.ipynb")):
        (tmp_path / "class" / who).mkdir(parents=True)
        shutil.copy(FIXTURES / fixture, tmp_path / "class" / who / "04_cosine_annealing.ipynb")
    run = grade("class", "--feedback", "feedback", "--timeout", "30", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    alice = (tmp_path / "feedback" / "alice" / "04_cosine_annealing.md").read_text()
    carol = (tmp_path / "feedback" / "carol" / "04_cosine_annealing.md").read_text()
    assert alice.startswith("# Feedback: class/alice/04_cosine_annealing.ipynb\n")
    assert carol.startswith("# Feedback: class/carol/04_cosine_annealing.ipynb\n")
    assert "**10 / 10**" in alice and "**0 / 10**" in carol


def test_check_says_what_this_machine_supports():
    run = grade("--check")
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[0].startswith("namespaces: ") and lines[1].startswith("process: available")
    expected = "namespaces" if isolation.unavailable() is None else "process"
    assert lines[-1] == f"--isolation auto uses {expected} here."


def test_without_user_namespaces_auto_falls_back_with_one_warning(folder):
    if isolation.unavailable() is not None:
        pytest.skip(f"bwrap does not work here: {isolation.unavailable()}")
    check = grade("--isolation", "namespaces", "--check", wrap=NO_USER_NAMESPACES)
    assert check.returncode == 1
    assert "namespaces: not available: bwrap failed" in check.stdout
    assert "--isolation auto uses process here." in check.stdout
    run = grade(folder / "alice.ipynb", "--json", "--timeout", "30", wrap=NO_USER_NAMESPACES)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["isolation"] == "process"
    assert json.loads(run.stdout)["submissions"][0]["score"] == 10
    warnings = [line for line in run.stderr.splitlines() if "warning" in line]
    assert len(warnings) == 1 and "grading with --isolation process" in warnings[0]
    assert "namespaces are not available here (bwrap failed" in warnings[0]
    refused = grade(folder / "alice.ipynb", "--isolation", "namespaces",
                    wrap=NO_USER_NAMESPACES)
    assert refused.returncode == 1 and "namespaces are not available here" in refused.stderr


@pytest.mark.parametrize("args", [
    ["no/such/file.ipynb"], ["--jobs", "0", "{f}"], ["--timeout", "-1", "{f}"],
    ["--timeout", "soon", "{f}"], ["--frobnicate", "{f}"], ["{empty}"], [],
    ["{f}", "--csv", "{f}"], ["{f}", "--csv", "no/such/dir/grades.csv"],
    ["{f}", "--isolation", "container"],
])
def test_usage_errors_exit_2(folder, tmp_path, args):
    (tmp_path / "empty_dir").mkdir()
    filled = [a.format(f=folder / "alice.ipynb", empty=tmp_path / "empty_dir") for a in args]
    before = (folder / "alice.ipynb").read_bytes()
    run = grade(*filled)
    assert run.returncode == 2, run.stdout + run.stderr
    assert "error" in run.stderr
    assert (folder / "alice.ipynb").read_bytes() == before


def test_collect_skips_checkpoints_and_dedupes(folder):
    found = collect([folder, folder / "alice.ipynb"])
    assert sorted(p.name for p in found) == ["alice.ipynb", "bob.ipynb", "carol.ipynb"]
    with pytest.raises(UsageError):
        collect([folder / "missing.ipynb"])


def test_any_given_file_is_graded_even_without_the_extension(folder):
    assert collect([folder / "notes.txt"]) == [folder / "notes.txt"]
    run = grade(folder / "notes.txt", "--json")
    assert run.returncode == 0
    assert "not a notebook" in json.loads(run.stdout)["submissions"][0]["error"]
