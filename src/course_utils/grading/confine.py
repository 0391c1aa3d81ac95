"""Confine the process that runs a learner's code: session, limits, output cap, no course_utils.

Used only inside the forked submission process (see worker.py), never in the grader.
"""

import builtins
import contextlib
import io
import os
import resource
import sys
import tempfile
import types

BLOCKED_MESSAGE = ("course_utils is not available while grading: the exercise must be "
                   "written by hand, not imported from the course library")


class CappedWriter(io.TextIOBase):
    """A text stream keeping the first `cap` characters, dropping the rest (prints stay cheap)."""

    def __init__(self, cap: int):
        self.cap, self.kept = cap, []
        self.size = 0

    def writable(self) -> bool:
        return True

    def write(self, text) -> int:
        text = str(text)
        if self.size < self.cap:
            self.kept.append(text[: self.cap - self.size])
            self.size += len(self.kept[-1])
        return len(text)

    def text(self) -> str:
        return "".join(self.kept)


def _vm_size() -> int:
    """This process's current address space size in bytes (0 when unknown)."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[0]) * resource.getpagesize()
    except (OSError, ValueError, IndexError):
        return 0


LIMIT_NAMES = {
    resource.RLIMIT_AS: "memory",
    resource.RLIMIT_CPU: "CPU time",
    resource.RLIMIT_FSIZE: "file size",
    resource.RLIMIT_CORE: "core dump",
    resource.RLIMIT_NPROC: "process count",
}


def _set_limit(which: int, soft: int, hard: int | None = None) -> str | None:
    """Apply a resource limit (never above the hard limit already set). None when it holds;
    else what was refused, in words, for the grader to report: the other limits still apply."""
    try:
        _, current_hard = resource.getrlimit(which)
        hard = soft if hard is None else hard
        if current_hard != resource.RLIM_INFINITY:
            soft, hard = min(soft, current_hard), min(hard, current_hard)
        resource.setrlimit(which, (soft, hard))
    except (ValueError, OSError) as exc:
        return f"the {LIMIT_NAMES.get(which, which)} limit was not applied ({exc})"
    return None


NOBODY = 65534
SANDBOX_UID_BASE = 2_000_000_000
EXTRA_PROCESSES = 128


def sandbox_uid(server_pid: int) -> int:
    """The uid a sandbox server's learners run as (when the grader is root): one per server,
    shared with no one, so `kill(-1, ...)` in a submission reaches only its own processes."""
    return SANDBOX_UID_BASE + server_pid % 1_000_000


def _processes_of(uid: int) -> int:
    count = 0
    for entry in os.listdir("/proc") if os.path.isdir("/proc") else []:
        with contextlib.suppress(OSError):
            count += entry.isdigit() and os.stat(f"/proc/{entry}").st_uid == uid
    return count


def _drop_root(workdir: str, uid: int) -> None:
    """Become `uid` (or `nobody` where that uid is not available); never stay root."""
    os.setgroups([])
    for target in (uid, NOBODY):
        try:
            os.chown(workdir, target, target)
            os.setgid(target)
            os.setuid(target)
            return
        except OSError:
            continue
    raise PermissionError("could not drop root privileges for the learner's code")


def enter(workdir: str, keep_fd: int, memory_bytes: int, cpu_seconds: int,
          file_bytes: int, uid: int = NOBODY) -> list[str]:
    """New session (so the whole group can be killed), temp cwd, stdio to /dev/null, limits,
    and, when running as root, the unprivileged `uid`. Returns the limits the system refused
    (in words; empty when all hold)."""
    os.setsid()
    root = os.getuid() == 0
    refused = [_set_limit(resource.RLIMIT_NPROC,
                          EXTRA_PROCESSES + _processes_of(uid if root else os.getuid()))]
    if root:
        _drop_root(workdir, uid)
    os.chdir(workdir)
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
    os.closerange(3, keep_fd)
    os.closerange(keep_fd + 1, 65536)
    os.environ.update({"HOME": workdir, "TMPDIR": workdir, "MPLBACKEND": "Agg"})
    tempfile.tempdir = None  # the server's, cached: temporary files go to workdir instead
    # The pre-loaded libraries already use some address space: the cap comes on top of it.
    refused += [
        _set_limit(resource.RLIMIT_AS, _vm_size() + memory_bytes),
        _set_limit(resource.RLIMIT_CPU, cpu_seconds, cpu_seconds + 1),
        _set_limit(resource.RLIMIT_FSIZE, file_bytes),
        _set_limit(resource.RLIMIT_CORE, 0),
    ]
    return [note for note in refused if note]


def capture_output(cap: int) -> CappedWriter:
    """Python-level prints go to a capped buffer; fd-level writes go to /dev/null."""
    writer = CappedWriter(cap)
    sys.stdout = sys.stderr = writer
    sys.__stdout__ = sys.__stderr__ = writer
    return writer


def _code_objects(module: types.ModuleType):
    """Every code object defined in a module: functions, methods, nested functions."""
    stack = [v for v in vars(module).values()]
    seen = set()
    while stack:
        obj = stack.pop()
        if id(obj) in seen:
            continue
        seen.add(id(obj))
        if isinstance(obj, types.FunctionType):
            if getattr(obj, "__module__", "") == module.__name__:
                stack.append(obj.__code__)
        elif isinstance(obj, types.CodeType):
            yield obj
            stack.extend(c for c in obj.co_consts if isinstance(c, types.CodeType))
        elif isinstance(obj, type) and obj.__module__ == module.__name__:
            stack.extend(vars(obj).values())
        elif isinstance(obj, classmethod | staticmethod | property):
            stack.extend(x for x in (getattr(obj, "__func__", None), getattr(obj, "fget", None))
                         if x is not None)


def _is_course_utils(name: str) -> bool:
    return name == "course_utils" or name.startswith("course_utils.")


class _Blocker:
    """A meta path finder refusing course_utils (for importlib.import_module and friends)."""

    @staticmethod
    def find_spec(name, path=None, target=None):
        if _is_course_utils(name):
            raise ModuleNotFoundError(BLOCKED_MESSAGE, name=name)
        return None


def block_course_utils() -> None:
    """Hide the course library from the learner's code; the trusted evaluation still reaches it.

    Its modules leave sys.modules; `import course_utils...` then fails, except when the
    importing code is the library's own (identified by its code objects).
    """
    hidden = {name: sys.modules.pop(name) for name in list(sys.modules) if _is_course_utils(name)}
    trusted = {id(code) for module in hidden.values() for code in _code_objects(module)}
    original = builtins.__import__

    def guarded_import(name, globals=None, locals=None, fromlist=(), level=0):
        if level == 0 and _is_course_utils(name):
            if id(sys._getframe(1).f_code) in trusted and name in hidden:
                return hidden[name] if fromlist else hidden["course_utils"]
            raise ModuleNotFoundError(BLOCKED_MESSAGE, name=name)
        return original(name, globals, locals, fromlist, level)

    builtins.__import__ = guarded_import
    sys.meta_path.insert(0, _Blocker)
