"""Process plumbing for the sandbox server: pipes read against a deadline (into buffers wiped
after use), exit statuses in words, and every descendant of a submission killed and reaped."""

import contextlib
import ctypes
import json
import os
import select
import shutil
import signal
import time

PR_SET_CHILD_SUBREAPER = 36


def become_subreaper() -> str | None:
    """Orphaned descendants come to this process (so kill_all can reach them). None when that
    holds; else why not, for the grader to report (they would be orphaned to init instead)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
            return ("processes a submission leaves behind may escape the cleanup: "
                    f"prctl(PR_SET_CHILD_SUBREAPER) failed ({os.strerror(ctypes.get_errno())})")
    except (OSError, AttributeError):
        return ("processes a submission leaves behind may escape the cleanup: this system "
                "has no prctl(PR_SET_CHILD_SUBREAPER)")
    return None


def read_lines(fd: int, deadline: float, cap: int) -> tuple[list[bytes], str]:
    """Lines written to `fd` until EOF ("eof"), the deadline ("timeout") or `cap` ("overflow")."""
    chunks, size = [], 0
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            end = "timeout"
            break
        ready, _, _ = select.select([fd], [], [], left)
        if not ready:
            continue
        chunk = os.read(fd, 65536)
        if not chunk:
            end = "eof"
            break
        chunks.append(chunk)
        size += len(chunk)
        if size > cap:
            end = "overflow"
            break
    os.close(fd)
    return b"".join(chunks).split(b"\n"), end


class Scratch:
    """A byte buffer that is zeroed once used. What one learner's code sent never lingers in
    the server's memory, where the next submission (a fork of the server) could find it."""

    def __init__(self, size: int = 1 << 20):
        self.data = bytearray(size)
        self.used = 0

    def _grow(self, need: int) -> None:
        if need <= len(self.data):
            return
        bigger = bytearray(max(need, 2 * len(self.data)))
        bigger[: self.used] = self.data[: self.used]
        self.clear(keep=True)
        self.data = bigger

    def read(self, fd: int, deadline: float, cap: int) -> str:
        """Append what `fd` gives until EOF ("eof"), the deadline ("timeout") or more than
        `cap` bytes ("overflow"); `fd` is closed."""
        try:
            while True:
                left = deadline - time.monotonic()
                if left <= 0:
                    return "timeout"
                if not select.select([fd], [], [], left)[0]:
                    continue
                self._grow(self.used + 65536)
                count = os.readv(fd, [memoryview(self.data)[self.used:self.used + 65536]])
                if not count:
                    return "eof"
                self.used += count
                if self.used > cap:
                    return "overflow"
        finally:
            os.close(fd)

    def read_exactly(self, fd: int, size: int) -> bool:
        """Read `size` bytes from a blocking `fd`; False at EOF before that."""
        self._grow(size)
        while self.used < size:
            count = os.readv(fd, [memoryview(self.data)[self.used:size]])
            if not count:
                return False
            self.used += count
        return True

    def view(self) -> memoryview:
        return memoryview(self.data)[: self.used]

    def clear(self, keep: bool = False) -> None:
        self.data[: self.used] = bytes(self.used)
        if not keep:
            self.used = 0


def parse_lines(lines: list[bytes]) -> list:
    """The JSON objects among `lines`; anything malformed is dropped."""
    messages = []
    for line in lines:
        if not line.strip():
            continue
        try:
            message = json.loads(line)
        except (ValueError, RecursionError, MemoryError):
            continue
        if isinstance(message, dict):
            messages.append(message)
    return messages


def describe_exit(status: int) -> str:
    """How a process ended, from its wait status, in words."""
    if os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        try:
            name = signal.Signals(number).name
        except ValueError:
            name = f"signal {number}"
        return {"SIGSEGV": "crashed (segmentation fault)", "SIGXCPU": "ran out of CPU time",
                "SIGKILL": "was killed", "SIGABRT": "aborted"}.get(name, f"was killed by {name}")
    return f"exited with code {os.WEXITSTATUS(status)} (sys.exit/os._exit or a crash)"


def children() -> list[int]:
    """Processes whose parent is this server (orphans come here: it is their subreaper)."""
    me, found = os.getpid(), []
    for entry in os.listdir("/proc") if os.path.isdir("/proc") else []:
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if fields and len(fields) > 1 and int(fields[1]) == me:
            found.append(int(entry))
    return found


def wait_until(pid: int, deadline: float) -> int | None:
    """The wait status of `pid` once it exits before `deadline` (monotonic), else None."""
    while True:
        try:
            reaped, status = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            return None
        if reaped:
            return status
        if time.monotonic() >= deadline:
            return None
        time.sleep(0.002)


def kill_all(pid: int) -> int | None:
    """SIGKILL the submission's process group, then every descendant that escaped it.

    Returns the submission process's wait status when it was still to be reaped."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)
    try:
        _, status = os.waitpid(pid, 0)
    except ChildProcessError:
        status = None
    for _ in range(200):
        while True:
            try:
                reaped, _ = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                reaped = 0
            if not reaped:
                break
        left = children()
        if not left:
            return status
        for child in left:
            for kill in (os.killpg, os.kill):
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    kill(child, signal.SIGKILL)
        time.sleep(0.005)
    return status


def kill_namespace(pid: int) -> int | None:
    """As PID 1 of a PID namespace: SIGKILL every other process in it and reap them all.

    Returns the wait status of `pid` (the submission) when it was still to be reaped."""
    status = None
    for _ in range(2000):
        with contextlib.suppress(ProcessLookupError):
            os.kill(-1, signal.SIGKILL)  # everyone but the caller: this server is init
        while True:
            try:
                reaped, code = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return status
            if not reaped:
                break
            if reaped == pid:
                status = code
        time.sleep(0.002)
    return status


def remove_tree(workdir: str) -> None:
    """Remove the submission's working directory, whatever modes its code left on it."""
    def unlock(func, path, _exc):
        try:
            os.chmod(os.path.dirname(path), 0o700)
            os.chmod(path, 0o700)
            func(path)
        except OSError:
            pass

    shutil.rmtree(workdir, onerror=unlock)
