"""processes: pipes read against a deadline, exit statuses in words, the subreaper's note."""

import os
import signal
import time

from course_utils.grading import processes


def test_exit_statuses_in_words():
    assert processes.describe_exit(3 << 8).startswith("exited with code 3")
    assert processes.describe_exit(signal.SIGSEGV) == "crashed (segmentation fault)"
    assert processes.describe_exit(signal.SIGKILL) == "was killed"


def test_only_json_objects_are_kept():
    lines = [b'{"a": 1}', b"", b"not json", b"[1, 2]", b'{"b": 2}']
    assert processes.parse_lines(lines) == [{"a": 1}, {"b": 2}]


def test_reading_stops_at_eof_the_deadline_or_the_cap():
    read_fd, write_fd = os.pipe()
    os.write(write_fd, b"one\ntwo\n")
    os.close(write_fd)
    assert processes.read_lines(read_fd, time.monotonic() + 5, 100) == ([b"one", b"two", b""],
                                                                          "eof")
    read_fd, write_fd = os.pipe()
    assert processes.read_lines(read_fd, time.monotonic() + 0.1, 100)[1] == "timeout"
    os.close(write_fd)
    read_fd, write_fd = os.pipe()
    os.write(write_fd, b"x" * 200)
    assert processes.read_lines(read_fd, time.monotonic() + 5, 100)[1] == "overflow"
    os.close(write_fd)


def test_wait_until_gives_up_at_the_deadline():
    pid = os.fork()
    if pid == 0:
        time.sleep(5)
        os._exit(0)
    assert processes.wait_until(pid, time.monotonic() + 0.05) is None
    os.kill(pid, signal.SIGKILL)
    assert os.WIFSIGNALED(processes.wait_until(pid, time.monotonic() + 5))


def test_a_system_without_a_subreaper_says_so(monkeypatch):
    def no_libc(*args, **kwargs):
        raise OSError("no libc")

    monkeypatch.setattr(processes.ctypes, "CDLL", no_libc)
    note = processes.become_subreaper()
    assert "may escape the cleanup" in note
