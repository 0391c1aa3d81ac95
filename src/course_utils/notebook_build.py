"""Generate the student notebooks/ from the solved solutions/ (`lr-course build-notebooks`)."""

from __future__ import annotations

import argparse
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from course_utils.cli_args import CommandError, UsageError, warn

NOTEBOOK_GLOB = "[0-9][0-9]_*.ipynb"
SOLUTION_ONLY_TAG = "solution-only"
STUB_LINES = ("# YOUR CODE HERE", 'raise NotImplementedError("Your code here")')
KEPT_CELL_METADATA = ("tags", "editable", "deletable")
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
LANGUAGE_INFO = {"name": "python"}

CODE_BEGIN = re.compile(r"^([ \t]*)### BEGIN SOLUTION[ \t]*$")
CODE_END = re.compile(r"^[ \t]*### END SOLUTION[ \t]*$")
MD_BEGIN = re.compile(r"^[ \t]*<!-- BEGIN SOLUTION -->[ \t]*$")
MD_END = re.compile(r"^[ \t]*<!-- END SOLUTION -->[ \t]*$")
# Anything that looks like a marker but is not exactly one (a typo would leak the solution).
MARKER_LIKE = re.compile(r"(BEGIN|END)[ _]SOLUTION", re.IGNORECASE)
TRIVIAL_WORDS = {"", "pass", "return", "continue", "break", "else", "try", "finally", "python"}


class BuildError(ValueError):
    """A solution notebook that cannot be turned into a safe student copy."""


@dataclass
class Region:
    """Solution lines removed from one notebook, for the leak guard."""

    lines: set[str] = field(default_factory=set)


def _cell_label(path: Path, index: int, cell) -> str:
    return f"{path}: cell {index} (id {cell.get('id', '?')}, {cell.cell_type})"


def _split_regions(source: str, begin: re.Pattern, end: re.Pattern, where: str, other: str):
    """Yield ("keep", line) / ("region", indent, lines) pieces of a cell's source."""
    lines = source.split("\n")
    pieces: list[tuple] = []
    region: list[str] | None = None
    indent = ""
    for number, line in enumerate(lines, start=1):
        opening = begin.match(line)
        if opening:
            if region is not None:
                raise BuildError(f"{where}, line {number}: nested BEGIN SOLUTION marker")
            region, indent = [], opening.group(1) if begin.groups else ""
        elif end.match(line):
            if region is None:
                raise BuildError(f"{where}, line {number}: END SOLUTION without BEGIN SOLUTION")
            pieces.append(("region", indent, region))
            region = None
        elif MARKER_LIKE.search(line):
            raise BuildError(
                f"{where}, line {number}: malformed solution marker {line.strip()!r} "
                f"(in this cell type write {other})"
            )
        elif region is not None:
            region.append(line)
        else:
            pieces.append(("keep", line))
    if region is not None:
        raise BuildError(f"{where}: BEGIN SOLUTION without END SOLUTION")
    return pieces


def _strip(source: str, where: str, removed: Region, begin: re.Pattern, end: re.Pattern,
           markers: str, stub: tuple[str, ...]) -> str:
    """Replace each solution region by `stub` (each line at the region's indent)."""
    out: list[str] = []
    for piece in _split_regions(source, begin, end, where, markers):
        if piece[0] == "keep":
            out.append(piece[1])
        else:
            _, indent, lines = piece
            removed.lines.update(line.strip() for line in lines)
            out.extend(indent + line for line in stub)
    return "\n".join(out)


def strip_code(source: str, where: str, removed: Region) -> str:
    """Replace each `### BEGIN/END SOLUTION` region by a NotImplementedError stub."""
    markers = "'### BEGIN SOLUTION' / '### END SOLUTION' on their own lines"
    return _strip(source, where, removed, CODE_BEGIN, CODE_END, markers, STUB_LINES)


def strip_markdown(source: str, where: str, removed: Region) -> str:
    """Drop each `<!-- BEGIN/END SOLUTION -->` region of a markdown cell."""
    markers = "'<!-- BEGIN SOLUTION -->' / '<!-- END SOLUTION -->' on their own lines"
    return _strip(source, where, removed, MD_BEGIN, MD_END, markers, ())


def _stable_id(stem: str, index: int) -> str:
    return hashlib.sha1(f"{stem}:{index}".encode()).hexdigest()[:8]


def _clean_metadata(nb, stem: str, copy: str) -> None:
    """Normalize notebook and cell metadata in place (ids filled, stray keys dropped)."""
    nb.nbformat, nb.nbformat_minor = 4, max(5, nb.get("nbformat_minor", 0))
    nb.metadata = {
        "course": {"copy": copy, "notebook": stem},
        "kernelspec": dict(KERNELSPEC),
        "language_info": dict(LANGUAGE_INFO),
    }
    for index, cell in enumerate(nb.cells):
        if not cell.get("id"):
            cell["id"] = _stable_id(stem, index)
        kept = {key: cell.metadata[key] for key in KEPT_CELL_METADATA if key in cell.metadata}
        if not kept.get("tags", True):
            del kept["tags"]
        cell.metadata = kept


def stamp_solution(nb, stem: str):
    """Return the solution notebook with clean course metadata; outputs are kept."""
    import nbformat

    nb = nbformat.from_dict(nb)
    _clean_metadata(nb, stem, "solution")
    return nb


def is_trivial(line: str) -> bool:
    """Lines too generic to count as a leak: blank, `pass`, `return`, brackets, fences."""
    words = re.sub(r"[^\w]+", " ", line).strip().lower()
    return words in TRIVIAL_WORDS


def student_copy(nb, path: Path):
    """Return (student notebook, solution lines removed) for one solution notebook."""
    import nbformat

    stem = path.stem
    nb = stamp_solution(nb, stem)
    nb.metadata["course"]["copy"] = "student"
    removed = Region()
    cells = []
    for index, cell in enumerate(nb.cells):
        where = _cell_label(path, index, cell)
        if SOLUTION_ONLY_TAG in cell.metadata.get("tags", []):
            continue
        if cell.cell_type == "code":
            cell.source = strip_code(cell.source, where, removed)
            cell.outputs, cell.execution_count = [], None
        elif cell.cell_type == "markdown":
            cell.source = strip_markdown(cell.source, where, removed)
        cells.append(cell)
    nb.cells = cells
    leaked = _leaks(nb, removed)
    if leaked:
        raise BuildError(f"{path}: solution line(s) still in the student copy: {leaked}")
    return nbformat.from_dict(nb), removed


def _leaks(nb, removed: Region) -> list[str]:
    """Solution lines (non-trivial) that appear anywhere in the student notebook's sources."""
    present = {line.strip() for cell in nb.cells for line in cell.source.split("\n")}
    return sorted(line for line in removed.lines & present if not is_trivial(line))


def render(nb) -> str:
    """Serialize like nbformat.write: indent 1, sorted keys, trailing newline."""
    import nbformat

    text = nbformat.writes(nb, version=4)
    return text if text.endswith("\n") else text + "\n"


def find_root(start: Path) -> Path:
    """The course repository containing `start`: the first parent holding solutions/."""
    for folder in (start, *start.parents):
        if (folder / "solutions").is_dir() and (folder / "pyproject.toml").is_file():
            return folder
    raise BuildError(
        f"no course repository (pyproject.toml + solutions/) in {start} or its parents; "
        "run from the course folder or pass --solutions and --notebooks"
    )


@dataclass
class Plan:
    """What a build would write (path -> text) and delete, and what is out of sync."""

    writes: dict[Path, str] = field(default_factory=dict)
    deletes: list[Path] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _read(path: Path):
    import nbformat

    try:
        return nbformat.read(path, as_version=4)
    except Exception as exc:  # nbformat raises several unrelated types for bad files
        raise BuildError(f"{path}: not a readable notebook ({exc})") from exc


def plan_build(solutions: Path, notebooks: Path, stamp: bool = False) -> Plan:
    """Compute every student notebook in memory; raise BuildError before anything is written."""
    plan, errors = Plan(), []
    expected = set()
    for source in sorted(solutions.glob(NOTEBOOK_GLOB)):
        try:
            nb = _read(source)
            student, _ = student_copy(nb, source)
        except BuildError as exc:
            errors.append(str(exc))
            continue
        target = notebooks / source.name
        expected.add(target.name)
        text = render(student)
        if not target.exists():
            plan.problems.append(f"missing: {target}")
            plan.writes[target] = text
        elif target.read_text(encoding="utf-8") != text:
            plan.problems.append(f"stale: {target} (differs from {source})")
            plan.writes[target] = text
        stamped = render(stamp_solution(nb, source.stem))
        if source.read_text(encoding="utf-8") != stamped:
            plan.problems.append(
                f"unstamped: {source} (stray or missing metadata; "
                "run `lr-course build-notebooks --stamp-solutions`)"
            )
            if stamp:
                plan.writes[source] = stamped
    if errors:
        raise BuildError("\n".join(errors))
    for extra in sorted(notebooks.glob(NOTEBOOK_GLOB)) if notebooks.is_dir() else []:
        if extra.name not in expected:
            plan.problems.append(f"extra: {extra} (no {solutions / extra.name})")
            plan.deletes.append(extra)
    return plan


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 if notebooks/ is out of sync"
    )
    parser.add_argument("--solutions", type=Path, help="solved notebooks (default: solutions/)")
    parser.add_argument("--notebooks", type=Path, help="student copies (default: notebooks/)")
    parser.add_argument(
        "--stamp-solutions",
        action="store_true",
        help="also rewrite the solutions' metadata (outputs untouched)",
    )


def run(args: argparse.Namespace) -> int:
    try:
        root = None if args.solutions and args.notebooks else find_root(Path.cwd())
    except BuildError as exc:
        raise UsageError(str(exc)) from None
    solutions = args.solutions or root / "solutions"
    notebooks = args.notebooks or root / "notebooks"
    if not solutions.is_dir():
        raise UsageError(f"solutions folder not found: {solutions}")
    try:
        plan = plan_build(solutions, notebooks, stamp=args.stamp_solutions and not args.check)
    except BuildError as exc:
        raise CommandError(f"{exc}\nnothing written") from None
    if args.check:
        for problem in plan.problems:
            print(problem)
        if plan.problems:
            raise CommandError("notebooks/ is out of sync: run `lr-course build-notebooks`")
        print(f"in sync: {solutions} -> {notebooks}")
        return 0
    notebooks.mkdir(parents=True, exist_ok=True)
    for path, text in plan.writes.items():
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path}")
    for path in plan.deletes:
        path.unlink()
        print(f"removed {path}")
    unstamped = [p for p in plan.problems if p.startswith("unstamped") and not args.stamp_solutions]
    for problem in unstamped:
        warn(args, problem)
    return 0
