"""namespaces: inside the real sandbox, a submission's private workspace and no capabilities;
outside one, a clear error instead of a half-confined process."""

import json
import subprocess
import sys

import pytest

from course_utils.grading import isolation, namespaces

WORKSPACE = """
import ctypes, json, os
from course_utils.grading import namespaces
os.makedirs("/tmp/server/cache", exist_ok=True)  # the server's scratch, before
workdir = namespaces.private_workspace(2**20)
status = dict(line.split(":", 1) for line in open("/proc/self/status"))
attempts = {}
for path in ("/tmp/work/file", "/tmp/server/file", "/tmp/file", "/usr/file"):
    try:
        open(path, "w").close()
        attempts[path] = "written"
    except OSError as exc:
        attempts[path] = exc.strerror
print(json.dumps({"workdir": workdir, "attempts": attempts, "server": os.listdir("/tmp/server"),
                  "caps": sorted({int(v, 16) for k, v in status.items() if k.startswith("Cap")}),
                  "mount": ctypes.CDLL(None).mount(b"none", b"/tmp/work", b"tmpfs", 0, None)}))
"""


def test_a_submission_gets_a_private_workspace_and_no_capabilities():
    if isolation.unavailable() is not None:
        pytest.skip(f"namespaces are not available here: {isolation.unavailable()}")
    command = isolation.server_command(sys.executable, True, [sys.executable, "-I", "-c",
                                                             WORKSPACE])
    run = subprocess.run(command.argv, capture_output=True, text=True, timeout=120,
                         **command.options)
    assert run.returncode == 0, run.stderr
    info = json.loads(run.stdout)
    assert info["workdir"] == namespaces.WORKDIR
    assert info["attempts"] == {"/tmp/work/file": "written",
                                "/tmp/server/file": "Read-only file system",
                                "/tmp/file": "Read-only file system",
                                "/usr/file": "Read-only file system"}
    assert info["server"] == []  # the server's scratch space is covered
    assert info["caps"] == [0] and info["mount"] == -1  # and cannot be uncovered


def test_outside_a_user_namespace_it_refuses_clearly():
    run = subprocess.run([sys.executable, "-c", "import os\n"
                          "from course_utils.grading import namespaces\n"
                          "if os.geteuid() == 0:\n    os.setuid(65534)\n"
                          "namespaces.private_workspace(2**20)"],
                         capture_output=True, text=True, timeout=60, check=False)
    assert run.returncode != 0
    assert "Error: [Errno 1] unshare: Operation not permitted" in run.stderr
