"""course_utils's structure: no import cycle (function-level imports too), layers, small modules."""

import ast
from pathlib import Path

import pytest

import course_utils

SRC = Path(course_utils.__file__).parent
LIMIT_LINES = 300


def _module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(path): path for path in sorted(SRC.rglob("*.py"))}


def _imports(name: str) -> set[str]:
    """The course_utils modules `name` imports, at its top or anywhere in its code."""
    tree = ast.parse(MODULES[name].read_text())
    package = name if MODULES[name].name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from . import x
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1]
                                + ([base] if base else []))
            for alias in node.names:  # `from pkg import module` imports pkg.module
                found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base)
    return {module for module in found if module in MODULES and module != name}


GRAPH = {name: _imports(name) for name in MODULES}


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of the graph as a path a -> b -> ... -> a, or None."""
    state: dict[str, str] = {}

    def visit(node: str, path: list[str]) -> list[str] | None:
        state[node] = "open"
        for nxt in sorted(graph[node]):
            if state.get(nxt) == "open":
                return [*path[path.index(nxt):], nxt]
            if nxt not in state:
                found = visit(nxt, [*path, nxt])
                if found:
                    return found
        state[node] = "done"
        return None

    for start in sorted(graph):
        if start not in state:
            found = visit(start, [start])
            if found:
                return found
    return None


def test_the_import_graph_has_no_cycle():
    cycle = _cycle(GRAPH)
    assert cycle is None, " -> ".join(cycle)


def test_the_cycle_finder_finds_one():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


def test_display_renders_and_nothing_imports_it():
    assert not [name for name, imported in GRAPH.items() if "course_utils.display" in imported]


def test_the_grader_judges_with_the_verdict_module_not_the_notebook_check():
    grading = {name for name in GRAPH if name.startswith("course_utils.grading")}
    assert not [name for name in grading if "course_utils.checks" in GRAPH[name]]
    assert "course_utils.verdict" in GRAPH["course_utils.grading.grade"]


@pytest.mark.parametrize("name", sorted(MODULES))
def test_modules_stay_small(name):
    lines = len(MODULES[name].read_text().splitlines())
    assert lines <= LIMIT_LINES, f"{name}: {lines} lines; split it by responsibility"
