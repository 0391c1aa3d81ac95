"""confine: the limits a submission's process gets, and what it says when the system refuses one."""

import json
import os
import resource
import tempfile

import pytest

from course_utils.grading import confine
from course_utils.grading.confine import CappedWriter, sandbox_uid


def test_capped_writer_keeps_the_beginning():
    writer = CappedWriter(10)
    for _ in range(1000):
        writer.write("abcdef")
    assert writer.text() == "abcdefabcd"


def test_each_server_gets_its_own_uid():
    assert sandbox_uid(41) != sandbox_uid(42)
    assert sandbox_uid(42) >= confine.SANDBOX_UID_BASE


def test_a_refused_limit_is_said_in_words(monkeypatch):
    def refuse(which, limits):
        raise ValueError("not allowed here")

    monkeypatch.setattr(resource, "setrlimit", refuse)
    note = confine._set_limit(resource.RLIMIT_AS, 2**30)
    assert note == "the memory limit was not applied (not allowed here)"


def _in_a_child(run) -> dict:
    """run() in a forked child (confine changes the whole process); its JSON result."""
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.close(read_fd)
            os.write(write_fd, json.dumps(run(write_fd)).encode())
        finally:
            os._exit(0)
    os.close(write_fd)
    with os.fdopen(read_fd, "rb") as pipe:
        data = pipe.read()
    os.waitpid(pid, 0)
    return json.loads(data)


def test_a_limit_that_holds_is_not_reported():
    def run(fd):  # in a child: a lowered hard limit cannot be raised again
        return {"note": confine._set_limit(resource.RLIMIT_CORE, 0),
                "core": resource.getrlimit(resource.RLIMIT_CORE)}

    assert _in_a_child(run) == {"note": None, "core": [0, 0]}


@pytest.mark.parametrize("refused", [None, resource.RLIMIT_AS])
def test_enter_confines_and_reports_what_it_could_not(refused):
    workdir = tempfile.mkdtemp(prefix="lr-course-test-confine-")
    real = resource.setrlimit

    def run(fd):
        def setrlimit(which, limits):
            if which == refused:
                raise OSError("refused by the test")
            return real(which, limits)

        resource.setrlimit = setrlimit
        notes = confine.enter(workdir, fd, 2**30, 5, 2**20, sandbox_uid(os.getpid()))
        return {"notes": notes, "cwd": os.getcwd(), "session": os.getsid(0) == os.getpid(),
                "cpu": resource.getrlimit(resource.RLIMIT_CPU)[0],
                "as": resource.getrlimit(resource.RLIMIT_AS)[0]}

    try:
        got = _in_a_child(run)
    finally:
        os.chmod(workdir, 0o700)
        os.rmdir(workdir)
    assert got["cwd"] == workdir and got["session"] and got["cpu"] == 5
    if refused is None:
        assert got["notes"] == [] and got["as"] != resource.RLIM_INFINITY
    else:
        assert got["notes"] == ["the memory limit was not applied (refused by the test)"]


def test_course_utils_is_hidden_from_the_learners_imports():
    def run(fd):
        confine.block_course_utils()
        try:
            __import__("course_utils.schedules")
        except ModuleNotFoundError as exc:
            return {"error": str(exc)}
        return {"error": None}

    assert _in_a_child(run)["error"] == confine.BLOCKED_MESSAGE
