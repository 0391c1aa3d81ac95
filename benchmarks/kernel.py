"""A real Jupyter kernel for benchmarks: start it, run code, read back its stdout."""

import json
import os
import tempfile
import uuid
from contextlib import contextmanager

from jupyter_client.manager import KernelManager


def kernel_manager(kernel_name: str = "python3") -> KernelManager:
    """A KernelManager whose kernel talks over IPC (local sockets, removed at shutdown), not
    TCP: no ports, and no "running over TCP without encryption" warning from every kernel."""
    sockets = os.path.join(tempfile.gettempdir(), f"lr-course-kernel-{uuid.uuid4().hex[:12]}")
    return KernelManager(kernel_name=kernel_name, transport="ipc", ip=sockets)


def execute_notebook(notebook, folder, timeout: int = 600, allow_errors: bool = False) -> float:
    """Seconds to start a kernel (over IPC), run every cell of `notebook` in `folder` (nbclient,
    which records each cell's timing in the notebook) and shut the kernel down."""
    import time

    from nbclient import NotebookClient

    manager = kernel_manager()
    client = NotebookClient(notebook, km=manager, timeout=timeout, allow_errors=allow_errors,
                            resources={"metadata": {"path": str(folder)}})
    start = time.perf_counter()
    try:
        client.execute()
    finally:  # a kernel manager passed in is ours to shut down
        if manager.has_kernel:
            manager.shutdown_kernel(now=True)
    return time.perf_counter() - start


@contextmanager
def running_kernel(kernel_name: str = "python3", cwd: str | None = None):
    """Yield a ready BlockingKernelClient; the kernel is shut down afterwards."""
    manager = kernel_manager(kernel_name)
    manager.start_kernel(cwd=cwd)
    client = manager.client()
    client.start_channels()
    try:
        client.wait_for_ready(timeout=120)
        yield client
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


def execute(client, code: str, timeout: float = 600) -> str:
    """Run code in the kernel; return what it printed; RuntimeError with the traceback on error."""
    stdout: list[str] = []
    errors: list[str] = []

    def on_output(msg):
        kind, content = msg["msg_type"], msg["content"]
        if kind == "stream" and content.get("name") == "stdout":
            stdout.append(content["text"])
        elif kind == "error":
            errors.append("\n".join(content.get("traceback", [])) or content.get("evalue", ""))

    reply = client.execute_interactive(code, output_hook=on_output, timeout=timeout)
    if errors or reply["content"].get("status") != "ok":
        raise RuntimeError("kernel code failed:\n" + ("\n".join(errors) or str(reply["content"])))
    return "".join(stdout)


def execute_json(client, code: str, timeout: float = 600):
    """Run code whose last printed line is JSON; return it parsed."""
    lines = [line for line in execute(client, code, timeout).splitlines() if line.strip()]
    if not lines:
        raise RuntimeError("kernel code printed nothing")
    return json.loads(lines[-1])
