"""worker: the learner's process confined, its descendants killed, a channel it can't fake."""

import contextlib
import json
import os
import tempfile

import pytest

from course_utils.grading.confine import sandbox_uid
from course_utils.grading.sandbox import Sandbox

CASE = {"args": [1, 10], "scale": 1e-3, "label": "", "setup": {}, "kwargs": {}}


def request(body: str, head: str = "", timeout: float = 20.0, n_cases: int = 1) -> dict:
    lines = "\n".join("    " + line for line in body.strip().splitlines())
    program = [[1, head], [2, f"def cosine_lr(step, total_steps, max_lr=1e-3, min_lr=1e-6):\n"
                               f"{lines}"]]
    return {"program": [p for p in program if p[1]],
            "exercises": [{"name": "cosine_lr", "cases": [CASE] * n_cases}],
            "timeout": timeout, "memory": 512 * 2**20, "output_cap": 1000, "file_bytes": 2**20}


def outcomes(response) -> list:
    [message] = [m for m in response["messages"] if m.get("exercise") == "cosine_lr"]
    return message.get("outcomes", [])


def reported(response) -> dict:
    """The JSON the learner's code smuggled out in an exception message."""
    return json.loads(outcomes(response)[0]["error"])


@pytest.fixture(scope="module")
def sandbox():
    with Sandbox() as running:
        yield running


def test_the_learner_process_is_confined(sandbox):
    response = sandbox.run(request("""
import json, os, resource, sys
raise ValueError(json.dumps({
    "cwd": os.getcwd(), "uid": os.getuid(), "grouped": os.getpgid(0) == os.getsid(0) != os.getpid(),
    "as": resource.getrlimit(resource.RLIMIT_AS)[0],
    "cpu": resource.getrlimit(resource.RLIMIT_CPU)[0],
    "mods": sorted(m for m in sys.modules if m.startswith("course_utils")),
    "tty": os.isatty(1), "fds": sorted(int(f) for f in os.listdir("/proc/self/fd"))[:6]}))
"""))
    info = reported(response)
    assert info["cwd"].startswith(os.path.join(tempfile.gettempdir(), "lr-course-grade-"))
    assert not os.path.exists(info["cwd"])  # removed afterwards
    assert info["uid"] == (sandbox_uid(sandbox.process.pid) if os.getuid() == 0
                           else os.getuid())
    assert info["grouped"] is True  # in the submission's own session and process group
    assert 0 < info["as"] < 2**40 and 0 < info["cpu"] <= 22
    assert info["mods"] == [] and info["tty"] is False
    assert len(info["fds"]) <= 5  # stdio, the result pipe, the listing itself


def test_course_utils_cannot_be_imported(sandbox):
    body = """
import importlib
errors = []
for attempt in (lambda: __import__("course_utils"),
                lambda: importlib.import_module("course_utils.schedules"),
                lambda: __import__("course_utils.checks", fromlist=["judge"])):
    try:
        attempt()
        errors.append("imported")
    except ModuleNotFoundError as exc:
        errors.append(str(exc)[:20])
raise ValueError("|".join(errors))
"""
    error = outcomes(sandbox.run(request(body)))[0]["error"]
    assert error.split("|") == ["course_utils is not "] * 3


def test_escaped_processes_are_killed(sandbox):
    body = """
import os, subprocess
pids = [subprocess.Popen(["sleep", "4243"]).pid,
        subprocess.Popen(["sleep", "4243"], start_new_session=True).pid]
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        os.execvp("sleep", ["sleep", "4243"])
    os._exit(0)
raise ValueError(" ".join(map(str, pids)))
"""
    pids = [int(p) for p in outcomes(sandbox.run(request(body)))[0]["error"].split()]
    assert len(pids) == 2
    for entry in [str(pid) for pid in pids] + os.listdir("/proc"):
        with contextlib.suppress(OSError), open(f"/proc/{entry}/cmdline", "rb") as cmdline:
            assert cmdline.read() != b"sleep\x004243\x00"


def test_prints_cannot_fake_results(sandbox):
    fake = json.dumps({"outcome": {"kind": "value", "value": 0.5}})
    response = sandbox.run(request(f"print({fake!r})\nimport os\nos.write(1, b'x')\nreturn 1.0",
                                   n_cases=3))
    assert [o["value"] for o in outcomes(response)] == [1.0, 1.0, 1.0]


def test_a_hang_at_load_time_kills_the_whole_submission(sandbox):
    response = sandbox.run(request("return 1.0", head="while True:\n    pass", timeout=1.5))
    assert response["end"] == "timeout"
    assert not any("setup" in m for m in response["messages"])
    # the server is still usable afterwards
    assert outcomes(sandbox.run(request("return 2.0")))[0]["value"] == 2.0


def test_closing_the_result_pipe_and_hanging_is_a_timeout(sandbox):
    response = sandbox.run(request("import os\nos.closerange(3, 256)\nwhile True:\n    pass",
                                   timeout=2.0))
    [message] = [m for m in response["messages"] if m.get("exercise") == "cosine_lr"]
    assert message["status"] == "timeout"
    assert response["end"] == "eof"


def test_kill_everything_reaches_only_the_submission(sandbox):
    """`kill(-1)` from a submission must not take the sandbox server or the grader down."""
    response = sandbox.run(request("import os, signal\nos.kill(-1, signal.SIGKILL)"))
    assert response["exit"]
    assert outcomes(sandbox.run(request("return 4.0")))[0]["value"] == 4.0


def test_every_response_says_what_was_not_applied(sandbox):
    response = sandbox.run(request("return 1.0"))
    assert response["notes"] == []  # on this machine every limit and the subreaper hold
