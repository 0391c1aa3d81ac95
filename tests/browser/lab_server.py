"""Start and stop an isolated JupyterLab server for the browser tests."""

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

WIDGETS_EXTENSION = "@jupyter-widgets/jupyterlab-manager"

# User settings written before the server starts: no news prompt, no update check,
# and every cell attached to the DOM so sliders, images and screenshots are all there.
USER_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {
        "windowingMode": "none",
    },
}


@dataclass
class LabServer:
    """A running JupyterLab: its base url, root directory and process."""

    url: str
    root_dir: Path
    process: subprocess.Popen
    log_path: Path
    _shutdowns: list[threading.Thread] = field(default_factory=list, repr=False)

    def log_tail(self, n_chars: int = 3000) -> str:
        """The end of the server's log, for error messages."""
        return self.log_path.read_text(errors="replace")[-n_chars:]

    def get_json(self, path: str):
        """GET a JSON endpoint of the server."""
        with urllib.request.urlopen(self.url + path, timeout=10) as response:
            return json.load(response)

    def running(self) -> list[str]:
        """API paths of the sessions and kernels running now."""
        return [
            f"/api/{kind}/{item['id']}"
            for kind in ("sessions", "kernels")
            for item in self.get_json(f"/api/{kind}")
        ]

    def shutdown_kernels(self) -> None:
        """Delete every session and kernel, and wait for them to go."""
        self._delete(self.running())

    def shutdown_kernels_in_background(self) -> None:
        """Delete the sessions and kernels running now without waiting (torch takes seconds).

        The list is taken now, so a notebook opened meanwhile keeps its kernel.
        """
        thread = threading.Thread(target=self._delete, args=(self.running(),), daemon=True)
        thread.start()
        self._shutdowns.append(thread)

    def _delete(self, api_paths: list[str]) -> None:
        for api_path in api_paths:
            request = urllib.request.Request(self.url + api_path, method="DELETE")
            try:
                urllib.request.urlopen(request, timeout=60).close()
            except urllib.error.HTTPError as error:
                if error.code != 404:  # a kernel is already gone with its session
                    raise
            except OSError:
                pass  # the server is going down; stop() kills what is left

    def stop(self) -> None:
        """Stop the kernels, then the whole server process group."""
        for thread in self._shutdowns:
            thread.join(timeout=60)
        with contextlib.suppress(OSError):
            self.shutdown_kernels()
        _kill_group(self.process, signal.SIGTERM, wait=15)
        _kill_group(self.process, signal.SIGKILL, wait=5)


def free_port() -> int:
    """A TCP port that is free right now on localhost."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def isolated_env(base_dir: Path) -> dict[str, str]:
    """Environment with Jupyter/IPython dirs under base_dir and the user settings written."""
    dirs = {
        "JUPYTER_CONFIG_DIR": base_dir / "config",
        "JUPYTER_DATA_DIR": base_dir / "data",
        "JUPYTER_RUNTIME_DIR": base_dir / "runtime",
        "IPYTHONDIR": base_dir / "ipython",
        "JUPYTERLAB_SETTINGS_DIR": base_dir / "config" / "lab" / "user-settings",
        "JUPYTERLAB_WORKSPACES_DIR": base_dir / "config" / "lab" / "workspaces",
        "LR_COURSE_DATA": base_dir / "lr_course_data",
    }
    for path in dirs.values():
        path.mkdir(parents=True, exist_ok=True)
    for name, settings in USER_SETTINGS.items():
        target = dirs["JUPYTERLAB_SETTINGS_DIR"] / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(settings, indent=2))
    env = {key: value for key, value in os.environ.items() if not key.startswith("JUPYTER")}
    env.update({key: str(path) for key, path in dirs.items()})
    env["JUPYTER_PLATFORM_DIRS"] = "1"
    env["PYTHONUNBUFFERED"] = "1"
    return env


def start_lab(root_dir: Path, base_dir: Path, timeout: float = 90.0) -> LabServer:
    """Start JupyterLab from this interpreter on a free port; return once /api/status answers."""
    port = free_port()
    env = isolated_env(base_dir)
    log_path = base_dir / "jupyterlab.log"
    command = [
        sys.executable, "-m", "jupyterlab",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--ServerApp.root_dir={root_dir}",
        "--IdentityProvider.token=",
        "--ServerApp.password=",
        "--ServerApp.disable_check_xsrf=True",
        "--LabApp.expose_app_in_browser=True",
        "--LabApp.extension_manager=readonly",
    ]  # fmt: skip
    if os.geteuid() == 0:  # containers and CI often run as root
        command.append("--allow-root")
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command, env=env, stdout=log, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL, start_new_session=True, cwd=root_dir,
        )  # fmt: skip
    server = LabServer(f"http://127.0.0.1:{port}", root_dir, process, log_path)
    try:
        _wait_for_status(server, timeout)
        _require_widgets_extension(server)
    except BaseException:
        server.stop()
        raise
    return server


def _wait_for_status(server: LabServer, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(
                f"JupyterLab exited with code {server.process.returncode}:\n{server.log_tail()}"
            )
        try:
            server.get_json("/api/status")
            return
        except (OSError, ValueError):
            time.sleep(0.3)
    raise RuntimeError(f"JupyterLab did not answer /api/status in {timeout:.0f}s:\n"
                       f"{server.log_tail()}")  # fmt: skip


def _require_widgets_extension(server: LabServer) -> None:
    """Fail early when the ipywidgets lab extension is not served (widgets would not render)."""
    with urllib.request.urlopen(server.url + "/lab", timeout=30) as response:
        page = response.read().decode("utf-8", errors="replace")
    if WIDGETS_EXTENSION not in page:
        raise RuntimeError(
            f"JupyterLab does not load {WIDGETS_EXTENSION}: is jupyterlab_widgets installed "
            f"in {sys.prefix}? Data path must include {Path(sys.prefix, 'share', 'jupyter')}."
        )


def _kill_group(process: subprocess.Popen, sig: signal.Signals, wait: float) -> None:
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, sig)
    except ProcessLookupError:
        return
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=wait)
