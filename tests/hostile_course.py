"""A throwaway checkout of the course, owned by whoever grades with it, and the means to grade
hostile submissions in it as root or as an ordinary user (tests/test_grading_hostile.py).

The copy has the layout the hostile submissions look for (src/course_utils, solutions/,
tests/fixtures/submissions/) and a venv of its own that imports course_utils from the copy and
everything else from this checkout's venv, so an ordinary user can own "their" course library.
"""

import contextlib
import os
import pwd
import shutil
import socket
import stat
import subprocess
import sys
import sysconfig
import threading
from dataclasses import dataclass
from pathlib import Path

from course_utils.grading.isolation import reachable

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures" / "submissions"
SOLUTION = "04_cosine_annealing.ipynb"


@dataclass
class Course:
    root: Path
    python: Path
    submissions: Path

    def library(self) -> Path:
        return self.root / "src" / "course_utils"

    def snapshot(self) -> dict:
        """Every file of the copy (venv included) with its bytes: to prove nothing changed."""
        return {p: p.read_bytes() for p in sorted(self.root.rglob("*"))
                if p.is_file() and "__pycache__" not in p.parts}


def make_course(folder: Path, names: list[str], owner: str | None = None) -> Course:
    """A copy of the course in `folder` with these submissions, owned by `owner` (a user name)."""
    root = folder / "course"
    shutil.copytree(REPO / "src" / "course_utils", root / "src" / "course_utils",
                    ignore=shutil.ignore_patterns("__pycache__"))
    (root / "solutions").mkdir()
    shutil.copy(REPO / "solutions" / SOLUTION, root / "solutions" / SOLUTION)
    submissions = root / "tests" / "fixtures" / "submissions"
    submissions.mkdir(parents=True)
    for name in names:
        shutil.copy(FIXTURES / name, submissions / name)
    venv = root / ".venv"
    subprocess.run([getattr(sys, "_base_executable", sys.executable), "-m", "venv",
                    "--without-pip", str(venv)], check=True)
    site = Path(sysconfig.get_paths(vars={"base": str(venv), "platbase": str(venv)})["purelib"])
    (site / "course.pth").write_text(f"{root / 'src'}\n{sysconfig.get_paths()['purelib']}\n")
    (root / "mplconfig").mkdir()
    for path in [folder, *folder.rglob("*")]:
        mode = path.lstat().st_mode
        if not stat.S_ISLNK(mode):
            path.chmod(mode | 0o444 | (0o111 if stat.S_ISDIR(mode) else 0))
    if owner is not None:
        user = pwd.getpwnam(owner)
        for path in [root, *root.rglob("*")]:
            os.lchown(path, user.pw_uid, user.pw_gid)
    return Course(root, venv / "bin" / "python", submissions)


def as_user(user: str | None, command: list[str]) -> list[str]:
    """`command` run as `user` (None: as we are). Needs root for anyone else; the Python
    installation and this checkout's packages are made reachable (pyenv lives in /root)."""
    if user is None:
        return command
    entry = pwd.getpwnam(user)
    needed = [os.path.realpath(sys.base_prefix), os.path.realpath(sysconfig.get_paths()["purelib"])]
    return ["bwrap", "--dev-bind", "/", "/", *reachable(needed), "--",
            "setpriv", f"--reuid={entry.pw_uid}", f"--regid={entry.pw_gid}", "--clear-groups",
            "--inh-caps=-all", "--bounding-set=-all", "--", *command]


def grade(course: Course, user: str | None, *args: str, timeout: float = 600):
    """`lr-course grade` on the course's submissions, as `user`, from the copy's venv."""
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8",
           "HOME": str(course.root), "MPLCONFIGDIR": str(course.root / "mplconfig")}
    command = [str(course.python), "-m", "course_utils.cli", "grade", str(course.submissions),
               "--timeout", "20", *args]
    return subprocess.run(as_user(user, command), capture_output=True, text=True, env=env,
                          cwd=course.root, timeout=timeout)


class Listener:
    """A TCP server on 127.0.0.1 (on the first free port of `ports`) recording what it gets."""

    def __init__(self, ports):
        self.received: list[bytes] = []
        self.connections = 0
        self.socket = socket.socket()
        for port in ports:
            with contextlib.suppress(OSError):
                self.socket.bind(("127.0.0.1", port))
                break
        else:
            raise OSError(f"no free port in {ports}")
        self.port = self.socket.getsockname()[1]
        self.socket.listen()
        self.socket.settimeout(0.2)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                connection, _ = self.socket.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections += 1
            with connection:
                connection.settimeout(2)
                with contextlib.suppress(OSError):
                    self.received.append(connection.recv(4096))

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        self.socket.close()

    def __enter__(self) -> "Listener":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
