"""Inside the namespaces (see isolation.py): the server out of the submissions' reach, and each
submission in fresh mount and IPC namespaces with a private tmpfs, left with no capabilities.

Kernel calls Python 3.11 lacks (unshare, mount, capset, prctl), through ctypes.
"""

import ctypes
import os
import signal

CLONE_NEWNS = 0x00020000
CLONE_NEWIPC = 0x08000000
MS_NOSUID, MS_NODEV, MS_REC, MS_PRIVATE = 0x2, 0x4, 0x4000, 0x40000
PR_SET_DUMPABLE, PR_CAPBSET_DROP = 4, 24
PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL = 47, 4
LINUX_CAPABILITY_VERSION_3 = 0x20080522
WORKDIR = "/tmp/work"  # each submission's private tmpfs, its working folder and HOME
SERVER_TMP = "/tmp/server"  # the server's own scratch space (TMPDIR), hidden from submissions
MS_RDONLY = 0x1


class _CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _CapData(ctypes.Structure):
    _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32),
                ("inheritable", ctypes.c_uint32)]


def _libc():
    return ctypes.CDLL(None, use_errno=True)


def _check(result: int, what: str) -> None:
    if result != 0:
        number = ctypes.get_errno()
        raise OSError(number, f"{what}: {os.strerror(number)}")


def protect_server() -> None:
    """For the server, PID 1 of the namespace: no signal from a submission reaches it (the
    kernel drops those an init has no handler for, SIGKILL and SIGSTOP always), and no
    submission may ptrace it or read its memory (not dumpable; it also holds capabilities
    they lack)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)  # Python's handler would make SIGINT land
    _check(_libc().prctl(PR_SET_DUMPABLE, 0, 0, 0, 0), "prctl(PR_SET_DUMPABLE)")


def private_workspace(size_bytes: int) -> str:
    """In a submission's process (a child of the server): new mount and IPC namespaces, a
    fresh tmpfs on WORKDIR (gone with the submission), the server's scratch space covered by
    an empty read-only one, then every capability dropped."""
    libc = _libc()
    _check(libc.prctl(PR_SET_DUMPABLE, 1, 0, 0, 0), "prctl(PR_SET_DUMPABLE)")  # its own /proc
    _check(libc.unshare(CLONE_NEWNS | CLONE_NEWIPC), "unshare")
    _check(libc.mount(None, b"/", None, MS_REC | MS_PRIVATE, None), "mount --make-rprivate /")
    options = f"size={size_bytes},nr_inodes=16384,mode=0700".encode()
    _check(libc.mount(b"tmpfs", WORKDIR.encode(), b"tmpfs", MS_NOSUID | MS_NODEV, options),
           f"mount tmpfs on {WORKDIR}")
    _check(libc.mount(b"tmpfs", SERVER_TMP.encode(), b"tmpfs", MS_RDONLY | MS_NOSUID | MS_NODEV,
                      b"size=4096,nr_inodes=1"), f"mount tmpfs on {SERVER_TMP}")
    drop_capabilities(libc)
    return WORKDIR


def drop_capabilities(libc=None) -> None:
    """No capability left, none to regain: bounding and ambient sets cleared, then the
    effective, permitted and inheritable sets (no_new_privs is already set by bubblewrap)."""
    libc = libc or _libc()
    with open("/proc/sys/kernel/cap_last_cap") as last:
        top = int(last.read())
    for cap in range(top + 1):
        _check(libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0), f"prctl(PR_CAPBSET_DROP, {cap})")
    _check(libc.prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0), "clear ambient caps")
    header = _CapHeader(LINUX_CAPABILITY_VERSION_3, 0)
    data = (_CapData * 2)()
    _check(libc.capset(ctypes.byref(header), data), "capset")
