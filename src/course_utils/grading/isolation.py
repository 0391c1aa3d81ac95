"""How the sandbox server is isolated: Linux namespaces through bubblewrap, or the process
sandbox alone; what this machine supports (and why not); the command that starts the server.

Under "namespaces" the server runs in new user, mount, network, PID, IPC, UTS and cgroup
namespaces, unprivileged: a read-only view of the system (/usr), of the Python installation
and of the course_utils package only (not the rest of the checkout, the submissions or any
home folder), no network but an idle loopback, and no way to make more user namespaces.
It keeps CAP_SYS_ADMIN in its own user namespace to give each submission fresh mount and IPC
namespaces with a private tmpfs (namespaces.py); the submission then drops every capability.
Run by root, the server is started as an unprivileged uid of its own, never as root.
"""

import contextlib
import functools
import json
import os
import shutil
import stat
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from course_utils.grading.confine import sandbox_uid
from course_utils.grading.namespaces import SERVER_TMP, WORKDIR

MODES = ("auto", "namespaces", "process")
PROBE_SECONDS = 60.0
TMP_BYTES = 2**20  # /tmp (read-only): each submission gets a fresh WORKDIR in it
SERVER_TMP_BYTES = 64 * 2**20  # the server's scratch space, hidden from submissions
SYSTEM_PATHS = ("/usr", "/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d",
                "/etc/nsswitch.conf", "/etc/passwd", "/etc/group", "/etc/localtime",
                "/etc/fonts")
TOP_LEVEL = ("bin", "sbin", "lib", "lib32", "lib64", "libx32")  # symlinks into /usr, or not
NAMESPACES = ("--unshare-user", "--unshare-pid", "--unshare-net", "--unshare-ipc",
              "--unshare-uts", "--unshare-cgroup-try", "--disable-userns")
ENV = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": SERVER_TMP, "TMPDIR": SERVER_TMP,
       "LANG": "C.UTF-8", "MPLBACKEND": "Agg", "MPLCONFIGDIR": f"{WORKDIR}/matplotlib",
       "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
PROCESS_ENV = ("PATH", "LANG", "LD_LIBRARY_PATH", "TMPDIR", "MPLCONFIGDIR")  # passed on
LAYOUT_SCRIPT = """import importlib.util, json, sys
spec = importlib.util.find_spec("course_utils")
print(json.dumps({"prefixes": [sys.prefix, sys.base_prefix, sys.exec_prefix,
                               sys.base_exec_prefix], "path": sys.path,
                  "package": list(spec.submodule_search_locations) if spec else []}))"""


DESCRIPTIONS = {
    "namespaces": "The learner's code runs in new user, mount, network, PID and IPC "
                  "namespaces (bubblewrap): it sees the system's /usr, the Python installation "
                  "and course_utils, read-only, and a private working folder; no other file, "
                  "no network, no process but its own; it cannot reach the sandbox server.",
    "process": "The learner's code runs in a process of its own with time, memory, output and "
               "process-count limits; it runs as you (as a uid of its own when you are root), "
               "so it can read what you can read, use the network and signal your processes.",
}


class IsolationError(RuntimeError):
    """Namespaces were asked for and this machine cannot provide them (the message says why)."""


@dataclass
class ServerCommand:
    """What Popen needs to start a sandbox server: argv and keyword arguments."""

    argv: list[str]
    options: dict = field(default_factory=dict)


@functools.cache
def layout(python: str) -> dict:
    """Where `python` finds its modules (asked of that interpreter, as the server runs it)."""
    run = subprocess.run([python, "-I", "-c", LAYOUT_SCRIPT], capture_output=True, text=True,
                         timeout=PROBE_SECONDS, check=False)
    if run.returncode != 0:
        raise IsolationError(f"{python} does not run: {run.stderr.strip()[-300:]}")
    return json.loads(run.stdout)


def _under(path: str, folders) -> bool:
    return any(path == f or path.startswith(f.rstrip("/") + "/") for f in folders)


def exposed_paths(python: str) -> list[str]:
    """Host paths the sandbox sees (read-only): the system's /usr and a few /etc files, the
    interpreter's prefixes, its module folders, and of the checkout only course_utils."""
    found = layout(python)
    package = [os.path.realpath(p) for p in found["package"]]
    wanted = [p for p in SYSTEM_PATHS if os.path.exists(p)]
    for prefix in found["prefixes"]:
        wanted += [os.path.abspath(prefix), os.path.realpath(prefix)]
    for entry in found["path"]:
        real = os.path.realpath(entry or ".")
        if os.path.exists(real) and not any(p.startswith(real.rstrip("/") + "/")
                                            for p in package):
            wanted.append(real)  # a folder holding course_utils (src/) shows only the package
    wanted += [*package, os.path.abspath(python), os.path.realpath(python)]
    kept: list[str] = []
    for path in sorted(set(wanted), key=lambda p: (p.count("/"), p)):
        if os.path.exists(path) and not _under(path, kept):
            kept.append(path)
    return sorted(kept)


def _top_level() -> list[str]:
    """/bin, /lib...: symlinks into /usr where the system has them, else read-only binds."""
    options = []
    for name in TOP_LEVEL:
        path = f"/{name}"
        if os.path.islink(path):
            options += ["--symlink", os.readlink(path), path]
        elif os.path.isdir(path):
            options += ["--ro-bind", path, path]
    return options


def reachable(paths: list[str]) -> list[str]:
    """bwrap options (run as root) that let any uid reach `paths`: a folder on the way that
    others may not enter (root's home, where pyenv lives) becomes an empty one holding them."""
    options, hidden = [], []
    for path in paths:
        parents = [str(p) for p in reversed(Path(path).parents)][1:]
        closed = next((p for p in parents if not os.stat(p).st_mode & stat.S_IXOTH), None)
        if closed is None:
            continue
        if closed not in hidden:
            hidden.append(closed)
            options += ["--perms", "0755", "--tmpfs", closed]
        for folder in parents[parents.index(closed) + 1:]:
            options += ["--perms", "0755", "--dir", folder]
        options += ["--ro-bind", path, path]
    return options


def server_command(python: str, namespaces: bool, program=None) -> ServerCommand:
    """The command starting the sandbox server (`program` instead, for a probe) under this
    isolation: `python -I -m course_utils.grading.worker [namespaces]`."""
    worker = program or [python, "-I", "-m", "course_utils.grading.worker"]
    if not namespaces:
        env = {k: v for k, v in os.environ.items() if k in PROCESS_ENV}
        env.update(MPLBACKEND="Agg", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")
        return ServerCommand(worker, {"env": env})
    bwrap = shutil.which("bwrap")
    if bwrap is None:
        raise IsolationError("bubblewrap (the `bwrap` command) is not installed")
    paths = exposed_paths(python)
    argv = [
        bwrap, *NAMESPACES, "--die-with-parent", "--as-pid-1", "--new-session",
        "--cap-add", "CAP_SYS_ADMIN", "--cap-add", "CAP_SETPCAP", "--hostname", "sandbox",
        "--size", str(TMP_BYTES), "--tmpfs", "/tmp", "--dir", WORKDIR,
        "--size", str(SERVER_TMP_BYTES), "--tmpfs", SERVER_TMP,
        *[arg for path in paths for arg in ("--ro-bind", path, path)], *_top_level(),
        "--proc", "/proc", "--dev", "/dev", "--remount-ro", "/dev", "--remount-ro", "/tmp",
        "--remount-ro", "/", "--chdir", WORKDIR,
        "--clearenv", *[arg for key, value in ENV.items() for arg in ("--setenv", key, value)],
        "--", *worker, *([] if program else ["namespaces"])]
    if os.geteuid() == 0:  # never root, not even inside its own user namespace
        uid = str(sandbox_uid(os.getpid()))
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            raise IsolationError("setpriv (util-linux) is needed to grade as root")
        argv = [bwrap, "--dev-bind", "/", "/", "--die-with-parent", *reachable(paths), "--",
                setpriv, f"--reuid={uid}", f"--regid={uid}", "--clear-groups",
                "--inh-caps=-all", "--bounding-set=-all", "--", *argv]
    return ServerCommand(argv, {"env": {}})


def how_to_enable(reason: str = "") -> str:
    """What to change on this machine so that the namespaces sandbox works (`reason`: why
    it did not, as unavailable() says)."""
    def sysctl(name: str) -> str | None:
        with contextlib.suppress(OSError), open(f"/proc/sys/{name.replace('.', '/')}") as value:
            return value.read().strip()
        return None

    if shutil.which("bwrap") is None:
        return "Install bubblewrap (Debian, Ubuntu: apt-get install bubblewrap; Fedora: " \
               "dnf install bubblewrap)."
    if "mount proc" in reason:
        return ("Inside a Docker or Podman container, bwrap cannot mount a /proc of its own "
                "while the container masks parts of its own: grade on the host, or in a VM.")
    if reason and "namespace" not in reason and "uid map" not in reason:
        return ("The sandbox could not start Python with course_utils: grading as root, the "
                "Python installation and course_utils must be readable by every user.")
    if sysctl("kernel.unprivileged_userns_clone") == "0":
        return "Allow unprivileged user namespaces: sysctl -w kernel.unprivileged_userns_clone=1."
    if sysctl("user.max_user_namespaces") == "0":
        return "Allow user namespaces: sysctl -w user.max_user_namespaces=15000."
    if sysctl("kernel.apparmor_restrict_unprivileged_userns") == "1":
        return ("AppArmor restricts unprivileged user namespaces (Ubuntu 23.10 and later): "
                "give bwrap a profile that allows them (see /etc/apparmor.d/), or sysctl -w "
                "kernel.apparmor_restrict_unprivileged_userns=0.")
    return ("This system does not let unprivileged users create user namespaces (in a "
            "container, its seccomp profile or runtime may forbid them).")


@functools.cache
def unavailable(python: str = sys.executable) -> str | None:
    """None when the namespaces sandbox works on this machine for `python`; else why not."""
    try:
        command = server_command(python, True, [python, "-I", "-c", "import course_utils"])
        run = subprocess.run(command.argv, capture_output=True, text=True, check=False,
                             timeout=PROBE_SECONDS, **command.options)
    except (IsolationError, OSError, subprocess.SubprocessError) as exc:
        return str(exc)
    if run.returncode != 0:
        lines = run.stderr.strip().splitlines() or [f"exit status {run.returncode}"]
        return f"bwrap failed: {lines[-1][:300].rstrip('.')}"
    return None


def choose(requested: str, python: str = sys.executable) -> tuple[str, str | None]:
    """(the isolation to use, a warning when `auto` falls back). IsolationError when
    namespaces are requested and cannot be had."""
    if requested not in MODES:
        raise ValueError(f"isolation must be one of {', '.join(MODES)}, not {requested!r}")
    if requested == "process":
        return "process", None
    reason = unavailable(python)
    if reason is None:
        return "namespaces", None
    if requested == "namespaces":
        raise IsolationError(f"namespaces are not available here: {reason}. "
                             f"{how_to_enable(reason)}")
    return "process", (f"grading with --isolation process: namespaces are not available here "
                       f"({reason}). The learners' code then runs as you (as a uid of its own "
                       f"when you are root), can read your files and use the network. "
                       f"{how_to_enable(reason)} `lr-course grade --check` says what works "
                       "here.")
