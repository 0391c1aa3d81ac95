"""environment.yml, pyproject.toml and constraints.txt agree; torch is the pinned CPU build."""

import re
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
import yaml

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
    assert "python=3.11" in plain
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
