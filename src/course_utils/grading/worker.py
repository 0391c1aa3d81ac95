"""The sandbox server: imports torch once, then forks one confined process per submission.

Run by the grader as `python -I -m course_utils.grading.worker` (one per --jobs slot). Requests
and responses are JSON lines on stdin and on a private copy of stdout. This process never runs
learner code; a forked child does (session, temp dir, limits, no course_utils), and within it
each exercise runs in its own grandchild, so one endless loop times out that exercise alone.
Every descendant is SIGKILLed afterwards (this server is their subreaper). Each response says,
in "notes", which protection the system refused (a limit, the subreaper): never silently.
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
from course_utils.grading import confine
from course_utils.grading.processes import (
    become_subreaper,
    describe_exit,
    kill_all,
    parse_lines,
    read_lines,
    remove_tree,
    wait_until,
)
from course_utils.verdict import run_cases

GRACE_SECONDS = 1.0  # on top of the submission's timeout before its process group is killed
READ_CAP = 16 * 2**20  # bytes of results accepted from one submission
SERVER_NOTES: list[str] = []  # what the server itself could not set up (see serve)


def preload() -> None:
    """Import what every submission needs once, and warm torch's lazy paths."""
    import numpy  # noqa: F401  (pre-imported for the learners' code)
    import torch

    torch.set_num_threads(1)  # a forked child must not inherit a thread pool
    import course_utils.torch_traces  # noqa: F401

    for exercise in EXERCISES.values():
        exercise.evaluate(exercise.reference, exercise.edge_cases()[0])


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


def submission_process(request: dict, workdir: str, fd: int, start: float) -> None:
    """The confined child: load the learner's definitions, then evaluate each exercise."""
    send = _writer(fd)
    timeout = float(request["timeout"])
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


def grade_request(request: dict) -> dict:
    """Run one submission in a fresh confined child; the messages it sent, and how it ended."""
    workdir = tempfile.mkdtemp(prefix="lr-course-grade-")
    read_fd, write_fd = os.pipe()
    start = time.monotonic()
    pid = os.fork()
    if pid == 0:
        try:
            os.close(read_fd)
            submission_process(request, workdir, write_fd, start)
        except BaseException as exc:  # the grading code's own failure: say so
            with contextlib.suppress(BaseException):
                _writer(write_fd)({"internal_error": _safe_text(exc)})
        finally:
            os._exit(0)
    os.close(write_fd)
    deadline = start + float(request["timeout"]) + GRACE_SECONDS
    lines, end = read_lines(read_fd, deadline, READ_CAP)
    status = wait_until(pid, deadline if end == "eof" else 0)
    killed = kill_all(pid)
    status = killed if status is None else status
    remove_tree(workdir)
    exit_text = "was killed" if status is None else describe_exit(status)
    messages = parse_lines(lines)
    refused = next((m["refused"] for m in messages if "refused" in m), [])  # the first: ours
    return {"messages": messages, "end": end, "exit": exit_text,
            "notes": [*SERVER_NOTES, *refused]}


def serve() -> None:
    """Answer one JSON request line after another until stdin closes."""
    os.environ["MPLBACKEND"] = "Agg"
    responses = os.fdopen(os.dup(1), "w")
    os.dup2(2, 1)  # stray prints from libraries must not corrupt the protocol
    preload()
    SERVER_NOTES[:] = [note for note in [become_subreaper()] if note]
    responses.write(json.dumps({"ready": True}) + "\n")
    responses.flush()
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            response = grade_request(json.loads(line))
        except Exception as exc:  # a bug here must be a result, not a dead server
            response = {"messages": [], "end": "error", "exit": _safe_text(exc),
                        "notes": SERVER_NOTES}
        responses.write(json.dumps(response) + "\n")
        responses.flush()


if __name__ == "__main__":
    serve()
