"""The grader's handle on one sandbox server (worker.py): start it, send requests, get JSON."""

import contextlib
import json
import os
import select
import signal
import subprocess
import sys
import tempfile
import time

from course_utils.grading import isolation as isolation_module
from course_utils.grading.processes import parse_lines

STARTUP_SECONDS = 180.0  # importing torch on a busy machine
SLACK_SECONDS = 30.0  # beyond a submission's timeout before the server itself is given up
RESPONSE_CAP = 64 * 2**20


class SandboxError(RuntimeError):
    """The sandbox server failed (not the submission): that submission becomes an error row."""


class Sandbox:
    """A pre-warmed fork server in its own process; one request at a time.

    `isolation`: "namespaces", "process", or "auto" (namespaces where this machine has them);
    the attribute then says which one it is."""

    def __init__(self, python: str = sys.executable, isolation: str = "auto"):
        self.python = python
        self.isolation = (isolation_module.choose(isolation, python)[0] if isolation == "auto"
                          else isolation)
        self.process: subprocess.Popen | None = None
        self._buffer = b""

    def start(self) -> "Sandbox":
        try:
            command = isolation_module.server_command(self.python,
                                                      self.isolation == "namespaces")
        except isolation_module.IsolationError as exc:
            raise SandboxError(str(exc)) from None
        errors = tempfile.TemporaryFile()  # noqa: SIM115  (the server writes to it)
        try:
            self.process = subprocess.Popen(
                command.argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=errors,
                cwd=tempfile.gettempdir(), start_new_session=True, **command.options)
        except OSError as exc:
            errors.close()
            raise SandboxError(f"the sandbox server did not start: {exc}") from None
        self._buffer = b""
        ready = self._read(time.monotonic() + STARTUP_SECONDS)
        if ready is None or ready.strip() != b'{"ready": true}':
            self.close()
            errors.seek(0)
            tail = errors.read()[-300:].decode(errors="replace").strip()
            errors.close()
            raise SandboxError("the sandbox server did not start" + (f": {tail}" if tail else ""))
        errors.close()  # the server keeps its own handle; later warnings are not read
        return self

    def _read(self, deadline: float, size: int | None = None) -> bytes | None:
        """The next line (without its newline), or the next `size` bytes; None if not in time."""
        fd = self.process.stdout.fileno()
        while (b"\n" not in self._buffer) if size is None else len(self._buffer) < size:
            left = deadline - time.monotonic()
            if left <= 0 or len(self._buffer) > RESPONSE_CAP:
                return None
            ready, _, _ = select.select([fd], [], [], left)
            if not ready:
                continue
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                return None
            self._buffer += chunk
        if size is None:
            line, _, self._buffer = self._buffer.partition(b"\n")
            return line
        data, self._buffer = self._buffer[:size], self._buffer[size:]
        return data

    def run(self, request: dict) -> dict:
        """Send one submission's request; its response: {"messages": the child's messages,
        "end", "exit", "notes"}. Raises SandboxError (the server is then restarted)."""
        if self.process is None or self.process.poll() is not None:
            self.start()
        try:
            body = json.dumps(request).encode()
            header = {"size": len(body), "timeout": float(request["timeout"])}
            self.process.stdin.write(json.dumps(header).encode() + b"\n" + body)
            self.process.stdin.flush()
            deadline = time.monotonic() + float(request["timeout"]) + SLACK_SECONDS
            line = self._read(deadline)
            reply = json.loads(line) if line is not None else None
            size = reply.get("size") if isinstance(reply, dict) else None
            if not isinstance(size, int) or not 0 <= size <= RESPONSE_CAP:
                raise SandboxError("the sandbox server stopped answering")
            raw = self._read(deadline, size)
            if raw is None:
                raise SandboxError("the sandbox server stopped answering")
            messages = parse_lines(raw.split(b"\n"))
            refused = next((m["refused"] for m in messages if "refused" in m), [])  # ours
            notes = reply.get("notes") if isinstance(reply.get("notes"), list) else []
            response = {"messages": messages, "end": reply.get("end"),
                        "exit": reply.get("exit"), "notes": [*notes, *refused]}
        except (OSError, ValueError) as exc:
            self.close()
            raise SandboxError(f"the sandbox server failed: {exc}") from None
        except SandboxError:
            self.close()
            raise
        return response

    def close(self) -> None:
        if self.process is None:
            return
        process, self.process = self.process, None
        try:
            process.stdin.close()
            process.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        process.stdout.close()

    def __enter__(self) -> "Sandbox":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.close()
