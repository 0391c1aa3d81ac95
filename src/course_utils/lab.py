"""Open JupyterLab on the course's student notebooks (`lr-course lab`)."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from course_utils.cli_args import UsageError, positive, warn


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--port", type=positive(int, maximum=65535),
                        help="port for the Jupyter server (default: 8888)")
    parser.add_argument("--no-browser", action="store_true", help="do not open a browser")


def find_notebooks(start: Path) -> Path:
    """notebooks/ of the course repository containing `start` (or one of its parents)."""
    for folder in (start, *start.parents):
        if (folder / "notebooks").is_dir() and (folder / "pyproject.toml").is_file():
            return folder / "notebooks"
    raise FileNotFoundError(
        f"no course notebooks/ folder in {start} or its parents; run from the course folder"
    )


def jupyter_command(notebooks: Path, port: int | None, no_browser: bool) -> list[str]:
    """The argv that starts this environment's JupyterLab rooted at `notebooks`."""
    argv = [sys.executable, "-m", "jupyterlab", f"--ServerApp.root_dir={notebooks}"]
    if port is not None:
        argv.append(f"--ServerApp.port={port}")
    if no_browser:
        argv.append("--no-browser")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        argv.append("--allow-root")  # containers often run as root; Jupyter refuses without it
    return argv


def run(args: argparse.Namespace) -> int:
    try:
        notebooks = find_notebooks(Path.cwd())
    except FileNotFoundError as exc:
        raise UsageError(str(exc)) from None
    if not any(notebooks.glob("*.ipynb")):
        warn(args, f"{notebooks} has no notebooks yet; run `make notebooks`")
    argv = jupyter_command(notebooks, args.port, args.no_browser)
    sys.stdout.flush()
    if os.name == "posix":
        os.execv(argv[0], argv)  # Ctrl-C and the exit code go straight to Jupyter
    return subprocess.call(argv)
