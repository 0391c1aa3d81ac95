"""environment.yml, pyproject.toml, constraints.txt, the Makefile and the README agree on the
pins and the supported Pythons; `make python` picks one; torch is the pinned CPU build."""

import re
import shutil
import subprocess
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
import yaml
from packaging.specifiers import SpecifierSet

ROOT = Path(__file__).resolve().parents[1]
TORCH_PIN = "==2.13.0"
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\S.*)$")


def normalize(name: str) -> str:
    """PEP 503 name: case and -_. runs do not matter."""
    return re.sub(r"[-_.]+", "-", name).lower()


def parse_pins(lines) -> dict[str, str]:
    """name -> version specifier per requirement line; pip options (`-c`, `-e`) skipped."""
    pins = {}
    for line in lines:
        line = line.split("#", 1)[0].strip()
        if not line or line.startswith("-"):
            continue
        match = PIN.match(line)
        assert match, f"unparseable requirement {line!r}"
        name = normalize(match.group(1))
        assert name not in pins, f"{name} listed twice"
        pins[name] = match.group(2).replace(" ", "")
    return pins


@pytest.fixture(scope="module")
def project_pins() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return parse_pins(project["dependencies"] + project["optional-dependencies"]["dev"])


@pytest.fixture(scope="module")
def environment() -> dict:
    return yaml.safe_load((ROOT / "environment.yml").read_text())


def conda_pip_lines(environment: dict) -> list[str]:
    sections = [dep["pip"] for dep in environment["dependencies"] if isinstance(dep, dict)]
    assert len(sections) == 1, "environment.yml needs exactly one pip: section"
    return sections[0]


def test_parse_pins_rejects_and_normalizes():
    assert parse_pins(["PyYAML==6.0.4", "-e .", "scikit_learn == 1.9.1  # c"]) == {
        "pyyaml": "==6.0.4",
        "scikit-learn": "==1.9.1",
    }
    with pytest.raises(AssertionError, match="twice"):
        parse_pins(["torch==2.13.0", "Torch==2.13.0"])


def test_every_direct_dependency_is_pinned_exactly(project_pins):
    exact = re.compile(r"==[\w.]+")
    loose = {name: spec for name, spec in project_pins.items() if not exact.fullmatch(spec)}
    assert not loose, f"pyproject.toml dependencies must be pinned with ==: {loose}"


def test_environment_yml_matches_pyproject(environment, project_pins):
    assert environment["name"] == "lr-schedules-course"
    plain = [dep for dep in environment["dependencies"] if isinstance(dep, str)]
    pythons = [dep.removeprefix("python=") for dep in plain if dep.startswith("python=")]
    assert len(pythons) == 1 and pythons[0] in supported_pythons(), pythons
    assert "pip" in plain
    assert parse_pins(conda_pip_lines(environment)) == project_pins


def test_constraints_pin_every_direct_dependency(project_pins):
    constraints = parse_pins((ROOT / "constraints.txt").read_text().splitlines())
    missing = sorted(set(project_pins) - set(constraints))
    assert not missing, f"constraints.txt lacks {missing}; run `make lock`"
    differ = {
        name: (spec, constraints[name])
        for name, spec in project_pins.items()
        if constraints[name] != spec
    }
    assert not differ, f"pyproject vs constraints.txt pins differ: {differ}"


def test_torch_pinned_exactly_everywhere(environment, project_pins):
    constraints = parse_pins((ROOT / "constraints.txt").read_text().splitlines())
    assert project_pins["torch"] == TORCH_PIN
    assert parse_pins(conda_pip_lines(environment))["torch"] == TORCH_PIN
    assert constraints["torch"] == TORCH_PIN
    makefile_pins = re.findall(r"\btorch\s*([=<>~!]=?\s*[\w.]+)", (ROOT / "Makefile").read_text())
    assert makefile_pins, "Makefile should install torch with an explicit pin"
    assert {pin.replace(" ", "") for pin in makefile_pins} == {TORCH_PIN}


def test_installed_torch_is_the_pinned_cpu_build():
    import torch

    assert torch.version.cuda is None, f"CUDA build installed (cuda {torch.version.cuda})"
    installed = metadata.version("torch").split("+", 1)[0]
    assert f"=={installed}" == TORCH_PIN


def supported_pythons() -> list[str]:
    """The Python 3.X versions pyproject's classifiers claim, oldest first."""
    prefix = "Programming Language :: Python :: "
    classifiers = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["classifiers"]
    versions = [c.removeprefix(prefix) for c in classifiers if re.fullmatch(r".*:: 3\.\d+", c)]
    return sorted(versions, key=lambda version: int(version.split(".")[1]))


def test_supported_pythons_agree_everywhere():
    supported = supported_pythons()
    minors = [int(version.split(".")[1]) for version in supported]
    assert minors and minors == list(range(minors[0], minors[-1] + 1)), supported
    spec = SpecifierSet(tomllib.loads((ROOT / "pyproject.toml").read_text())["project"][
        "requires-python"])
    assert all(f"{version}.0" in spec for version in supported), spec
    assert f"3.{minors[0] - 1}.99" not in spec and f"3.{minors[-1] + 1}.0" not in spec, spec
    makefile = re.search(r"^PYTHONS := (.*)$", (ROOT / "Makefile").read_text(), re.MULTILINE)
    assert makefile and makefile.group(1).split() == supported, "Makefile PYTHONS"
    readme = (ROOT / "README.md").read_text()
    assert f"Python {', '.join(supported[:-1])} or {supported[-1]}" in readme


def fake_python(bin_dir: Path, name: str, version: str, has_venv: bool = True) -> Path:
    """An executable that answers `make python`'s two questions like a Python would."""
    path = bin_dir / name
    path.write_text(f"#!/bin/sh\ncase \"$*\" in *ensurepip*) exit {0 if has_venv else 1};; esac\n"
                    f"echo {version}\n")
    path.chmod(0o755)
    return path


def make_python(bin_dir: Path, *args: str) -> subprocess.CompletedProcess:
    """`make python` with only bin_dir on PATH."""
    make = shutil.which("make")
    assert make, "make not found"
    command = [make, "-s", "-C", str(ROOT), "python", *args]
    return subprocess.run(command, env={"PATH": str(bin_dir)}, capture_output=True, text=True,
                          timeout=60)


def test_make_python_takes_the_first_supported_python_with_venv(tmp_path):
    fake_python(tmp_path, "python3.12", "3.12", has_venv=False)
    fake_python(tmp_path, "python3.13", "3.13")
    fake_python(tmp_path, "python3", "3.13")
    found = make_python(tmp_path)
    assert found.returncode == 0, found.stderr
    assert found.stdout == "python3.13\n"
    assert "python3.12 is Python 3.12 without its venv module" in found.stderr
    assert "apt-get install python3.12-venv" in found.stderr


def test_make_python_says_how_to_get_one_when_none_is_supported(tmp_path):
    fake_python(tmp_path, "python3", "3.10")
    found = make_python(tmp_path)
    assert found.returncode != 0 and found.stdout == ""
    assert "make setup needs Python 3.11 to 3.13 with its venv module" in found.stderr
    assert "none of python3.11 python3.12 python3.13 python3 is one" in found.stderr
    assert "make setup PYTHON=/path/to/python3.13" in found.stderr


def test_make_python_checks_the_python_it_is_given(tmp_path):
    chosen = fake_python(tmp_path, "mypython", "3.12")
    assert make_python(tmp_path, f"PYTHON={chosen}").stdout == f"{chosen}\n"
    old = fake_python(tmp_path, "python3.10", "3.10")
    refused = make_python(tmp_path, f"PYTHON={old}")
    assert refused.returncode != 0 and refused.stdout == ""
    assert f"PYTHON={old} is Python 3.10." in refused.stderr
    assert "make setup needs Python 3.11 to 3.13" in refused.stderr
    missing = make_python(tmp_path, "PYTHON=/no/such/python")
    assert missing.returncode != 0
    assert "PYTHON=/no/such/python does not run: no such Python." in missing.stderr
