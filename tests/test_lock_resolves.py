"""The locked set resolves to wheels on every supported Python and platform (pip, metadata only).

`make setup` installs pyproject's dependencies (dev extra included) under constraints.txt. For
each Python minor version the classifiers claim, at its .0 release (the strictest for a
Requires-Python lower bound), and each platform torch 2.13.0 has wheels for, pip resolves
that same install with `--dry-run --only-binary=:all:`, its markers evaluated for the target
(pip alone would use this machine's). Through MetadataIndex it reads wheel metadata only.
Needs PyPI: skips when it cannot be reached, except with CI=true, where it fails.
"""

import json
import os
import subprocess
import sys
import tomllib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from packaging import tags
from packaging.utils import canonicalize_name
from packaging.version import Version

from .metadata_index import MetadataIndex

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
CLASSIFIER = "Programming Language :: Python :: "
SUPPORTED = [c.removeprefix(CLASSIFIER) for c in PYPROJECT["classifiers"]
             if c.startswith(CLASSIFIER) and c.count(".") == 1]


def manylinux(arch: str, oldest: int) -> list[str]:
    """pip takes --platform tags literally: list every glibc from 2.28 (torch's) down."""
    names = [f"manylinux_2_{minor}_{arch}" for minor in range(28, oldest - 1, -1)]
    legacy = {17: "manylinux2014", 12: "manylinux2010", 5: "manylinux1"}
    return names + [f"{name}_{arch}" for minor, name in legacy.items() if minor >= oldest]


# name -> (pip --platform tags, the marker values that differ between platforms)
PLATFORMS = {
    "linux-x86_64": (manylinux("x86_64", 5), ("linux", "Linux", "x86_64")),
    "linux-aarch64": (manylinux("aarch64", 17), ("linux", "Linux", "aarch64")),
    "macos-arm64": (["macosx_14_0_arm64"], ("darwin", "Darwin", "arm64")),
}
TARGETS = [(python, platform) for python in SUPPORTED for platform in PLATFORMS]

# pip evaluates markers (sys_platform, python_version, ...) for the interpreter it runs in,
# whatever --python-version and --platform say; make it evaluate them for the target.
PIP_FOR_TARGET = """
import json, sys
from pip._vendor.packaging import markers
target = json.loads(sys.argv.pop(1))
markers.default_environment = lambda: dict(target)
from pip._internal.cli.main import main
sys.exit(main(sys.argv[1:]))
"""


def marker_environment(python: str, platform: str) -> dict[str, str]:
    sys_platform, system, machine = PLATFORMS[platform][1]
    version = f"{python}.0"
    return {
        "implementation_name": "cpython", "implementation_version": version,
        "os_name": "posix", "platform_machine": machine, "platform_python_implementation":
        "CPython", "platform_release": "", "platform_system": system, "platform_version": "",
        "python_full_version": version, "python_version": python, "sys_platform": sys_platform,
    }


def supported_tags(python: str, platform: str) -> list[tags.Tag]:
    """The wheel tags pip accepts for the target, best first."""
    version = tuple(int(part) for part in python.split("."))
    platforms = PLATFORMS[platform][0]
    if platforms[0].startswith("macosx_"):  # pip, too, adds the older macOS releases
        platforms = list(tags.mac_platforms((14, 0), "arm64"))
    return [*tags.cpython_tags(version, platforms=platforms),
            *tags.compatible_tags(version, platforms=platforms)]


def on_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def resolve(index: MetadataIndex, python: str, platform: str, scratch: Path) -> dict:
    """pip's installation report for `make setup`'s install on that Python and platform."""
    platform_args = [arg for tag in PLATFORMS[platform][0] for arg in ("--platform", tag)]
    report = scratch / "report.json"
    command = [
        sys.executable, "-c", PIP_FOR_TARGET, json.dumps(marker_environment(python, platform)),
        "install", "--isolated", "--dry-run", "--ignore-installed", "--report", str(report),
        "--no-cache-dir", "--disable-pip-version-check", "--only-binary=:all:",
        "--implementation", "cp", "--python-version", f"{python}.0", *platform_args,
        "--target", str(scratch / "target"), "--index-url", f"{index.url}simple/",
        "-c", str(ROOT / "constraints.txt"),
        *PYPROJECT["dependencies"], *PYPROJECT["optional-dependencies"]["dev"],
    ]
    (scratch / "tmp").mkdir()  # pip leaves a pip-metadata-* folder per wheel it reads there
    env = {**os.environ, "NO_PROXY": "127.0.0.1", "no_proxy": "127.0.0.1",
           "TMPDIR": str(scratch / "tmp")}
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
    if done.returncode != 0:
        pytest.fail(
            f"The locked set does not resolve to wheels for Python {python}.0 on {platform}.\n"
            f"pip says:\n{done.stdout[-2000:]}{done.stderr[-2000:]}\n"
            f"Downloads refused: {index.refused or 'none'}.\n"
            "Pin a release of the package named above in constraints.txt whose Requires-Python "
            "and wheels cover every supported Python, or drop that Python.", pytrace=False)
    return json.loads(report.read_text())


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> dict:
    """All targets resolved at once (two at a time), through one index that caches pages."""
    with MetadataIndex(constraints()) as index:
        try:
            index.warm(supported_tags(python, platform) for python, platform in TARGETS)
        except OSError as error:
            message = f"PyPI unreachable ({error}): cannot check that the lock resolves"
            if on_ci():
                pytest.fail(f"CI=true but {message}", pytrace=False)
            pytest.skip(message)
        with ThreadPoolExecutor(max_workers=2) as pool:
            futures = {
                (python, platform): pool.submit(
                    resolve, index, python, platform, tmp_path_factory.mktemp("pip"))
                for python, platform in TARGETS
            }
            yield {key: future.exception() or future.result() for key, future in futures.items()}


def constraints() -> dict[str, Version]:
    pins = {}
    for line in (ROOT / "constraints.txt").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            name, version = line.split("==")
            pins[canonicalize_name(name)] = Version(version)
    return pins


def test_supported_versions_are_known():
    assert SUPPORTED, "pyproject.toml classifiers name no Python 3.X version"


@pytest.mark.parametrize(("python", "platform"), TARGETS)
def test_locked_set_resolves_to_wheels(reports, python, platform):
    report = reports[(python, platform)]
    if isinstance(report, BaseException):
        raise report
    assert report["environment"]["sys_platform"] == PLATFORMS[platform][1][0]
    installed = {canonicalize_name(item["metadata"]["name"]): item for item in report["install"]}
    versions = {name: Version(item["metadata"]["version"]) for name, item in installed.items()}
    assert versions["torch"] == Version("2.13.0")
    assert all(item["download_info"]["url"].endswith(".whl") for item in installed.values())
    yanked = sorted(name for name, item in installed.items() if item.get("is_yanked"))
    assert not yanked, f"constraints.txt pins yanked releases: {yanked}"
    pins = constraints()
    wrong = {name: (str(version), str(pins[name])) for name, version in versions.items()
             if name in pins and version != pins[name]}
    assert not wrong, f"pip picked other versions than constraints.txt: {wrong}"
    unpinned = sorted(f"{name}=={found}" for name, found in versions.items() if name not in pins)
    assert not unpinned, (
        f"Python {python} on {platform} installs packages constraints.txt does not pin; "
        f"add them to its last section: {unpinned}"
    )
