"""worker: the learner's process confined, its descendants killed, a channel it can't fake;
under both isolations (namespaces where this machine has them)."""

import contextlib
import json
import os
import tempfile

import pytest

from course_utils.grading import isolation
from course_utils.grading.confine import sandbox_uid
from course_utils.grading.namespaces import WORKDIR
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


def needs_namespaces() -> None:
    reason = isolation.unavailable()
    if reason is not None:
        pytest.skip(f"namespaces are not available here: {reason}")


@pytest.fixture(scope="module", params=["process", "namespaces"])
def sandbox(request):
    if request.param == "namespaces":
        needs_namespaces()
    with Sandbox(isolation=request.param) as running:
        yield running


CONFINEMENT = """
import json, os, resource, sys
status = dict(line.split(":", 1) for line in open("/proc/self/status"))
raise ValueError(json.dumps({
    "cwd": os.getcwd(), "uid": os.getuid(), "grouped": os.getpgid(0) == os.getsid(0) != os.getpid(),
    "as": resource.getrlimit(resource.RLIMIT_AS)[0],
    "cpu": resource.getrlimit(resource.RLIMIT_CPU)[0],
    "mods": sorted(m for m in sys.modules if m.startswith("course_utils")),
    "tty": os.isatty(1), "fds": sorted(int(f) for f in os.listdir("/proc/self/fd"))[:6],
    "caps": sorted({int(v, 16) for k, v in status.items() if k.startswith("Cap")}),
    "nnp": status["NoNewPrivs"].strip(), "env": [k for k in os.environ if "SSH" in k
                                               or "PYTEST" in k or "LR_" in k],
    "procs": sorted(int(p) for p in os.listdir("/proc") if p.isdigit())[:4],
    "parent": os.getppid(), "home": os.path.exists("/home")}))
"""


def test_the_learner_process_is_confined(sandbox):
    info = reported(sandbox.run(request(CONFINEMENT)))
    if sandbox.isolation == "process":
        assert info["cwd"].startswith(os.path.join(tempfile.gettempdir(), "lr-course-grade-"))
        assert not os.path.exists(info["cwd"])  # removed afterwards
        assert info["uid"] == (sandbox_uid(sandbox.process.pid) if os.getuid() == 0
                               else os.getuid())
    else:
        assert info["cwd"] == WORKDIR  # its own tmpfs
        assert info["uid"] == (sandbox_uid(os.getpid()) if os.getuid() == 0 else os.getuid())
        assert info["caps"] == [0] and info["nnp"] == "1"  # no capability, none to gain
        # only the server (init), this submission and the exercise's process are visible
        assert info["procs"] == sorted([1, info["parent"], info["procs"][-1]])
        assert info["home"] is False
    assert info["grouped"] is True  # in the submission's own session and process group
    assert 0 < info["as"] < 2**40 and 0 < info["cpu"] <= 22
    assert info["mods"] == [] and info["tty"] is False
    assert len(info["fds"]) <= 5  # stdio, the result pipe, the listing itself
    assert info["env"] == []  # the grader's environment is not passed on


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


SNOOP = """
import ctypes
found = 0
with open("/proc/self/maps") as maps:
    regions = [line.split() for line in maps]
for fields in regions:
    start, end = (int(x, 16) for x in fields[0].split("-"))
    if fields[1].startswith("rw") and end - start < 2**30 and "[vvar]" not in fields:
        found += ctypes.string_at(start, end - start).count(b"-".join([b"SIBLING", b"SECRET",
                                                                        b"7d3f"]))
raise ValueError(str(found))
"""


def test_no_submission_finds_the_previous_one_in_its_memory(sandbox):
    """The server never holds a learner's code or results in its own objects, and wipes its
    buffers: a child, a copy of its memory, finds nothing of the submission before."""
    secret = request("return 0.5  # SIBLING-SECRET-7d3f", head="# SIBLING-SECRET-7d3f")
    assert outcomes(sandbox.run(secret))[0]["value"] == 0.5
    assert outcomes(sandbox.run(request(SNOOP)))[0]["error"] == "0"
    sandbox.run(request("raise ValueError('SIBLING-SECRET-7d3f')"))  # it comes back, relayed
    assert outcomes(sandbox.run(request(SNOOP)))[0]["error"] == "0"


def test_the_working_folder_is_private_to_one_submission(sandbox):
    write = request("import os\nopen(os.path.join(os.getcwd(), 'left'), 'w').write('x')\n"
                    "raise ValueError(os.getcwd())")
    first = outcomes(sandbox.run(write))[0]["error"]
    look = request("import os\nraise ValueError(str(sorted(os.listdir(os.getcwd()))))")
    assert outcomes(sandbox.run(look))[0]["error"] == "[]"
    assert not os.path.exists(os.path.join(first, "left"))  # nothing of it on this machine


def test_the_server_is_single_threaded_when_it_forks(sandbox):
    """A fork from a multi-threaded process can deadlock (Python 3.12 warns): one thread."""
    body = ("import os\nsubmission = os.getppid()\n"
            "server = open(f'/proc/{submission}/stat').read().rsplit(')', 1)[1].split()[1]\n"
            "status = open(f'/proc/{server}/status').read()\n"
            "raise ValueError(status.split('Threads:')[1].split()[0])")
    assert outcomes(sandbox.run(request(body)))[0]["error"] == "1"
