"""Print the versions a notebook ran with, for its first cell."""

import platform
from importlib.metadata import PackageNotFoundError, version

from course_utils import DISTRIBUTION

PACKAGES = ("torch", "numpy", "matplotlib", "ipywidgets", DISTRIBUTION)


def versions(packages=PACKAGES) -> dict[str, str]:
    found = {"python": platform.python_version()}
    for name in packages:
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = "not installed"
    return found


def show_versions(packages=PACKAGES) -> None:
    """One line: python 3.11.7 | torch 2.13.0+cpu | ..."""
    print(" | ".join(f"{name} {v}" for name, v in versions(packages).items()))
