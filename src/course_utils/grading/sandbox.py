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

STARTUP_SECONDS = 180.0  # importing torch on a busy machine
SLACK_SECONDS = 30.0  # beyond a submission's timeout before the server itself is given up
RESPONSE_CAP = 64 * 2**20


class SandboxError(RuntimeError):
    """The sandbox server failed (not the submission): that submission becomes an error row."""


class Sandbox:
    """A pre-warmed fork server in its own process; one request at a time."""

    def __init__(self, python: str = sys.executable):
        self.python = python
        self.process: subprocess.Popen | None = None
        self._buffer = b""

    def start(self) -> "Sandbox":
        env = dict(os.environ, MPLBACKEND="Agg", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")
        errors = tempfile.TemporaryFile()  # noqa: SIM115  (the server writes to it)
        self.process = subprocess.Popen(
            [self.python, "-I", "-m", "course_utils.grading.worker"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=errors,
            cwd=tempfile.gettempdir(), env=env, start_new_session=True,
        )
        self._buffer = b""
        ready = self._read_line(time.monotonic() + STARTUP_SECONDS)
        if ready is None or ready.strip() != b'{"ready": true}':
            self.close()
            errors.seek(0)
            tail = errors.read()[-300:].decode(errors="replace").strip()
            errors.close()
            raise SandboxError("the sandbox server did not start" + (f": {tail}" if tail else ""))
        errors.close()  # the server keeps its own handle; later warnings are not read
        return self

    def _read_line(self, deadline: float) -> bytes | None:
        fd = self.process.stdout.fileno()
        while b"\n" not in self._buffer:
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
        line, _, self._buffer = self._buffer.partition(b"\n")
        return line

    def run(self, request: dict) -> dict:
        """Send one submission's request; its response. Raises SandboxError (then restarts)."""
        if self.process is None or self.process.poll() is not None:
            self.start()
        try:
            self.process.stdin.write((json.dumps(request) + "\n").encode())
            self.process.stdin.flush()
            line = self._read_line(time.monotonic() + float(request["timeout"]) + SLACK_SECONDS)
            if line is None:
                raise SandboxError("the sandbox server stopped answering")
            response = json.loads(line)
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
