"""sandbox: the grader's handle on a worker; what the system refuses reaches the grade row."""

import stat
import sys

import pytest

from course_utils.grading.grade import Limits, grade_submission
from course_utils.grading.report import table
from course_utils.grading.sandbox import Sandbox, SandboxError
from tests.test_grading_corpus import FIXTURES
from tests.test_grading_worker import outcomes, request

REFUSING_WORKER = """
import resource, runpy
real = resource.setrlimit
def setrlimit(which, limits):
    if which == resource.RLIMIT_AS:
        raise ValueError("refused by the test")
    return real(which, limits)
resource.setrlimit = setrlimit
runpy.run_module("course_utils.grading.worker", run_name="__main__", alter_sys=True)
"""


def test_a_server_that_cannot_start_is_a_sandbox_error():
    with pytest.raises(SandboxError):
        Sandbox(python="/bin/false").start()


def test_namespaces_that_cannot_be_had_are_a_sandbox_error(monkeypatch):
    monkeypatch.setattr("shutil.which", lambda name: None)
    with pytest.raises(SandboxError, match="bubblewrap"):
        Sandbox(isolation="namespaces").start()


def test_a_dead_server_is_restarted():
    with Sandbox() as sandbox:
        sandbox.process.kill()
        sandbox.process.wait()
        assert outcomes(sandbox.run(request("return 3.0")))[0]["value"] == 3.0


@pytest.fixture
def refusing_python(tmp_path):
    """An interpreter whose worker cannot set a memory limit (as some systems refuse it)."""
    script = tmp_path / "python"
    script.write_text(f'#!/bin/sh\nexec "{sys.executable}" -I -c \'{REFUSING_WORKER}\'\n')
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return str(script)


def test_a_refused_memory_limit_is_in_the_response_and_the_grade_row(refusing_python):
    note = "the memory limit was not applied (refused by the test)"
    with Sandbox(python=refusing_python, isolation="process") as sandbox:
        response = sandbox.run(request("return 1.0"))
        assert response["notes"] == [note]
        assert outcomes(response)[0]["value"] == 1.0  # the other limits still apply
        row = grade_submission(FIXTURES / "correct.ipynb", sandbox, Limits(timeout=30.0))
    assert row.notes == [note]
    assert [e.status for e in row.exercises] == ["passed"]
    assert f"NOTE   {note}" in table([row], "process")
