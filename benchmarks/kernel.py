"""A real Jupyter kernel for benchmarks: start it, run code, read back its stdout."""

import json
from contextlib import contextmanager

from jupyter_client.manager import KernelManager


@contextmanager
def running_kernel(kernel_name: str = "python3", cwd: str | None = None):
    """Yield a ready BlockingKernelClient; the kernel is shut down afterwards."""
    manager = KernelManager(kernel_name=kernel_name)
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
