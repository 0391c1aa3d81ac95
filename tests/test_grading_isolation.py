"""isolation: what the sandbox sees, how the server is started, and the choice with its fallback."""

import os
import sys
from pathlib import Path

import pytest

import course_utils
from course_utils.grading import isolation

REPO = Path(__file__).resolve().parent.parent
PACKAGE = str(Path(course_utils.__file__).resolve().parent)


@pytest.fixture
def no_bwrap(monkeypatch):
    """A machine without bubblewrap (the probe's cache emptied before and after)."""
    real = isolation.shutil.which
    monkeypatch.setattr(isolation.shutil, "which",
                        lambda name: None if name == "bwrap" else real(name))
    isolation.unavailable.cache_clear()
    yield
    isolation.unavailable.cache_clear()


def test_the_sandbox_sees_python_and_course_utils_but_not_the_checkout():
    paths = isolation.exposed_paths(sys.executable)
    assert PACKAGE in paths and "/usr" in paths
    assert os.path.realpath(sys.base_prefix) in paths or any(
        os.path.realpath(sys.base_prefix).startswith(p + "/") for p in paths)
    for hidden in (REPO, REPO / "solutions", REPO / "tests", Path.home(), Path("/home")):
        assert str(hidden) not in paths
    assert not any(str(REPO / "solutions").startswith(p + "/") for p in paths)


def test_the_server_command_unshares_everything_and_binds_read_only():
    argv = isolation.server_command(sys.executable, True).argv
    inner = argv[len(argv) - argv[::-1].index(isolation.shutil.which("bwrap")) - 1:]
    for flag in (*isolation.NAMESPACES, "--as-pid-1", "--die-with-parent", "--clearenv"):
        assert flag in inner
    assert "--bind" not in inner and "--dev-bind" not in inner  # nothing writable from outside
    assert inner[inner.index(PACKAGE) - 1:][:3] == ["--ro-bind", PACKAGE, PACKAGE]
    assert inner[-2:] == ["course_utils.grading.worker", "namespaces"]
    if os.geteuid() == 0:  # root: an unprivileged uid of its own runs the inner bwrap
        setpriv = argv[argv.index("--") + 1:]
        uid = int(setpriv[1].split("=")[1])
        assert setpriv[0].endswith("setpriv") and uid >= isolation.sandbox_uid(0) > 0


def test_the_process_sandbox_gets_a_clean_environment(monkeypatch):
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "hunter2")
    command = isolation.server_command(sys.executable, False)
    assert command.argv == [sys.executable, "-I", "-m", "course_utils.grading.worker"]
    assert "AWS_SECRET_ACCESS_KEY" not in command.options["env"]
    assert command.options["env"]["MPLBACKEND"] == "Agg"


def test_process_is_always_available():
    assert isolation.choose("process") == ("process", None)
    with pytest.raises(ValueError, match="one of auto, namespaces, process"):
        isolation.choose("docker")


def test_auto_falls_back_with_the_reason_and_the_way_to_enable(no_bwrap):
    mode, warning = isolation.choose("auto")
    assert mode == "process"
    assert "bubblewrap (the `bwrap` command) is not installed" in warning
    assert "apt-get install bubblewrap" in warning and "--check" in warning


def test_namespaces_asked_for_and_missing_is_an_error(no_bwrap):
    with pytest.raises(isolation.IsolationError, match=r"not available here.*Install"):
        isolation.choose("namespaces")


def test_a_python_that_does_not_run_is_a_reason_not_a_crash():
    assert "does not run" in isolation.unavailable("/bin/false")
