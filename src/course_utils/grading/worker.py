"""The sandbox server: imports torch once, then forks one confined process per submission.

Run by the grader as `python -I -m course_utils.grading.worker [namespaces]` (one per --jobs
slot; with `namespaces`, as PID 1 of the namespaces isolation.py sets up). This process never
runs learner code; a forked child does (session, working folder, limits, no course_utils), and
within it each exercise runs in its own grandchild, so one endless loop times out that exercise
alone. Every descendant is SIGKILLed afterwards (this server is their subreaper, or init).

Protocol, on stdin and a private copy of stdout: a request is a header line
`{"size": N, "timeout": T}` and N bytes of request JSON; a response is a header line
`{"size": M, "end", "exit", "notes"}` and M bytes: the child's messages, JSON lines, relayed
unread. The server never parses what a learner wrote or sent, and wipes both buffers after use
(processes.Scratch), so no submission finds another's code in the memory it inherits.
"notes" says which protection the system refused (a limit, the subreaper): never silently.
"""

import builtins
import contextlib
import json
import math
import os
import signal
import sys
import tempfile
import time

from course_utils.cases import Case
from course_utils.exercises import EXERCISES
from course_utils.grading import confine, namespaces
from course_utils.grading.processes import (
    Scratch,
    become_subreaper,
    describe_exit,
    kill_all,
    kill_namespace,
    parse_lines,
    read_lines,
    remove_tree,
    wait_until,
)
from course_utils.verdict import run_cases

GRACE_SECONDS = 1.0  # on top of the submission's timeout before its process group is killed
READ_CAP = 16 * 2**20  # bytes of results accepted from one submission
SERVER_NOTES: list[str] = []  # what the server itself could not set up (see serve)
HEADER_CAP = 4096


def preload() -> None:
    """Import what every submission needs once, and warm torch's lazy paths."""
    import numpy  # noqa: F401  (pre-imported for the learners' code)
    import torch

    torch.set_num_threads(1)  # a forked child must not inherit a thread pool
    import course_utils.torch_traces  # noqa: F401

    for exercise in EXERCISES.values():  # a reference failing here: this sandbox is broken
        outcome = exercise.evaluate(exercise.reference, exercise.edge_cases()[0])
        if outcome.kind != "value":
            raise RuntimeError(f"the reference {exercise.name} fails in the sandbox: "
                               f"{outcome.error_type}: {outcome.error}"[:300])


def _writer(fd: int):
    dumps, write = json.dumps, os.write  # bound now: learner code may patch the modules later

    def send(message: dict) -> None:
        data = (dumps(message) + "\n").encode()
        while data:
            data = data[write(fd, data):]

    return send


def _safe_text(exc: BaseException) -> str:
    try:
        text = f"{type(exc).__name__}: {exc}"
    except Exception:
        text = "<unprintable exception>"
    return text[:300]


def run_exercise(namespace: dict, job: dict, seconds: float, parent_fd: int = -1) -> dict:
    """Evaluate one exercise in a grandchild with its own time limit; what came back."""
    name = job["name"]
    if name not in namespace:
        return {"status": "missing"}
    obj = namespace[name]
    if not callable(obj):
        return {"status": "not_callable", "type": str(type(obj).__name__)[:60]}
    if seconds <= 0.05:
        return {"status": "timeout", "seconds": 0.0, "outcomes": []}
    exercise = EXERCISES[name]
    cases = [Case.from_json(c) for c in job["cases"]]
    read_fd, write_fd = os.pipe()
    try:
        pid = os.fork()
    except OSError as exc:
        return {"status": "died", "how": f"could not start ({exc.strerror})", "outcomes": []}
    if pid == 0:
        try:
            os.close(read_fd)
            if parent_fd >= 0:
                os.close(parent_fd)
            send = _writer(write_fd)
            # The notebook check's loop; SystemExit, KeyboardInterrupt & co. become outcomes.
            run_cases(exercise, obj, cases, lambda outcome: send({"outcome": outcome.to_json()}),
                      also_catch=(BaseException,))
        finally:
            os._exit(0)
    os.close(write_fd)
    deadline = time.monotonic() + seconds
    lines, end = read_lines(read_fd, deadline, READ_CAP // 2)
    status = wait_until(pid, deadline if end == "eof" else 0)
    if status is None:  # still running: past its time, or it closed the pipe and went on
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        end = "timeout" if end == "eof" else end
    outcomes = [m["outcome"] for m in parse_lines(lines) if "outcome" in m]
    finished = len(outcomes) == len(cases) or (
        outcomes and isinstance(outcomes[-1], dict) and outcomes[-1].get("kind") ==
        "not_implemented")
    if len(outcomes) > len(cases):
        return {"status": "died", "how": "sent more results than there were inputs",
                "outcomes": []}
    if finished:
        return {"status": "ran", "outcomes": outcomes}
    if end == "timeout" or (os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGXCPU):
        return {"status": "timeout", "seconds": seconds, "outcomes": outcomes}
    if end == "overflow":
        return {"status": "died", "how": "sent too much data", "outcomes": []}
    return {"status": "died", "how": describe_exit(status), "outcomes": outcomes}


def submission_process(request: dict, workdir: str | None, fd: int, start: float) -> None:
    """The confined child: load the learner's definitions, then evaluate each exercise.
    No `workdir`: inside the namespaces, where it gets a private tmpfs of its own."""
    send = _writer(fd)
    timeout = float(request["timeout"])
    if workdir is None:
        workdir = namespaces.private_workspace(4 * int(request["file_bytes"]))
    refused = confine.enter(workdir, fd, int(request["memory"]), math.ceil(timeout) + 1,
                            int(request["file_bytes"]), confine.sandbox_uid(os.getppid()))
    send({"refused": refused})  # before any learner code runs
    confine.capture_output(int(request["output_cap"]))
    confine.block_course_utils()
    namespace = {"__name__": "__main__", "__builtins__": builtins}
    errors = []
    for cell, source in request["program"]:
        try:
            exec(compile(source, f"<cell {cell}>", "exec"), namespace)
        except BaseException as exc:  # the learner's code: anything, SystemExit included
            errors.append({"cell": cell, "error": _safe_text(exc)})
    send({"setup": errors})
    jobs = request["exercises"]
    for index, job in enumerate(jobs):
        share = (start + timeout - time.monotonic()) / (len(jobs) - index)
        send({"exercise": job["name"], **run_exercise(namespace, job, share, fd)})
    send({"done": True})


def grade_request(request: Scratch, timeout: float, output: Scratch, isolated: bool) -> dict:
    """Run one submission (`request`, wiped once forked) in a fresh confined child; its
    messages go to `output` as they came; the response header says how it ended."""
    workdir = None if isolated else tempfile.mkdtemp(prefix="lr-course-grade-")
    read_fd, write_fd = os.pipe()
    start = time.monotonic()
    pid = os.fork()
    if pid == 0:
        try:
            os.close(read_fd)
            submission_process(json.loads(bytes(request.view())), workdir, write_fd, start)
        except BaseException as exc:  # the grading code's own failure: say so
            with contextlib.suppress(BaseException):
                _writer(write_fd)({"internal_error": _safe_text(exc)})
        finally:
            os._exit(0)
    os.close(write_fd)
    request.clear()
    deadline = start + timeout + GRACE_SECONDS
    end = output.read(read_fd, deadline, READ_CAP)
    status = wait_until(pid, deadline if end == "eof" else 0)
    killed = kill_namespace(pid) if isolated else kill_all(pid)
    status = killed if status is None else status
    if workdir is not None:
        remove_tree(workdir)
    exit_text = "was killed" if status is None else describe_exit(status)
    return {"end": end, "exit": exit_text, "notes": SERVER_NOTES}


def _read_header(fd: int) -> dict | None:
    """The next request's header line (read a byte at a time: no request byte is taken)."""
    line = b""
    while not line.endswith(b"\n"):
        byte = os.read(fd, 1)
        if not byte or len(line) > HEADER_CAP:
            return None
        line += byte
    return json.loads(line) if line.strip() else {}


def serve(isolated: bool = False) -> None:
    """Answer one request after another until stdin closes."""
    os.environ["MPLBACKEND"] = "Agg"
    responses = os.dup(1)
    os.dup2(2, 1)  # stray prints from libraries must not corrupt the protocol
    preload()
    if isolated:  # PID 1: orphans come here anyway
        namespaces.protect_server()
    else:
        SERVER_NOTES[:] = [note for note in [become_subreaper()] if note]
    send = _writer(responses)
    send({"ready": True})
    request, output = Scratch(), Scratch()
    while (header := _read_header(0)) is not None:
        if not header:
            continue
        if not request.read_exactly(0, int(header["size"])):
            break
        try:
            reply = grade_request(request, float(header["timeout"]), output, isolated)
        except Exception as exc:  # a bug here must be a result, not a dead server
            reply = {"end": "error", "exit": _safe_text(exc), "notes": SERVER_NOTES}
        request.clear()
        send({**reply, "size": output.used})
        data = output.view()
        while data:
            data = data[os.write(responses, data):]
        output.clear()


if __name__ == "__main__":
    serve(isolated=sys.argv[1:] == ["namespaces"])
