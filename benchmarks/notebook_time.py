"""Headless run time of each solutions/ notebook vs a notebook that only imports the libraries."""

import re
import statistics
from pathlib import Path

from benchmarks import ROOT, Result

GOAL_RATIO = 1.5
ANSI = re.compile(r"\x1b\[[0-9;]*m")
# The floor imports what a course notebook's first cell imports, and torch._dynamo, which
# torch.optim loads on first use (~1.5 s here): a cost every notebook that builds an optimizer
# pays, whatever it then does. The ratio measures what the notebook adds on top.
FLOOR_SOURCE = (
    "%matplotlib inline\n"
    "import math\n"
    "import numpy\n"
    "import torch\n"
    "import torch._dynamo\n"
    "import matplotlib.pyplot as plt\n"
    "import ipywidgets\n"
    "import course_utils\n"
    "from course_utils import check, hint, schedules, solution\n"
    "from course_utils import explorers, plotting, torch_traces\n"
    "from course_utils.rehearsal import widgets\n"
)


def add_arguments(parser) -> None:
    parser.add_argument(
        "--solutions", type=Path, default=ROOT / "solutions",
        help="directory of notebooks to time (notebook_time; default: solutions/)",
    )
    parser.add_argument(
        "--notebook-repeat", type=int, default=1,
        help="runs per notebook, median taken (notebook_time; the floor runs 3 times)",
    )
    parser.add_argument(
        "--cell-timeout", type=int, default=600, help="seconds per cell (notebook_time)"
    )


def import_lines(notebook) -> list[str]:
    """The notebook's own top-level import statements, in order, each once (one line each,
    however they were wrapped)."""
    import ast

    lines = []
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        python = "\n".join(line for line in cell.source.splitlines()
                           if not line.lstrip().startswith(("%", "!")))
        try:
            tree = ast.parse(python)
        except SyntaxError:
            continue
        for node in tree.body:
            line = ast.unparse(node) if isinstance(node, ast.Import | ast.ImportFrom) else None
            if line and line not in lines:
                lines.append(line)
    return lines


def floor_notebook(notebook=None):
    """A notebook with one cell importing what a course notebook imports (its own import
    lines when given, e.g. scikit-learn for the notebooks that train), and nothing else."""
    import nbformat

    lines = import_lines(notebook) if notebook is not None else []
    source = FLOOR_SOURCE + "".join(f"{line}\n" for line in lines)
    return nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source)])


def execute_seconds(notebook, workdir: Path, timeout: int) -> float:
    """Wall time to start a python3 kernel, run every cell, and shut down (nbclient)."""
    from benchmarks.kernel import execute_notebook

    return execute_notebook(notebook, workdir, timeout)


def slowest_cell(notebook) -> str:
    """'slowest: cell N (first line) X s' for an executed notebook, from nbclient's timing."""
    from datetime import datetime

    best = (0.0, "")
    for index, cell in enumerate(notebook.cells):
        timing = cell.get("metadata", {}).get("execution", {})
        try:
            start = datetime.fromisoformat(timing["iopub.execute_input"].rstrip("Z"))
            end = datetime.fromisoformat(timing["shell.execute_reply"].rstrip("Z"))
        except (KeyError, ValueError):
            continue
        seconds = (end - start).total_seconds()
        if seconds > best[0]:
            first = cell.source.strip().splitlines()[0][:30] if cell.source.strip() else ""
            best = (seconds, f"slowest: cell {index} ({first!r}) {seconds:.1f} s")
    return best[1]


def run(options) -> list[Result]:
    """One row per notebook: its execution time over the floor's (median of repeats)."""
    import nbformat

    folder = Path(getattr(options, "solutions", ROOT / "solutions"))
    timeout = getattr(options, "cell_timeout", 600)
    paths = sorted(folder.glob("*.ipynb"))
    if not paths:
        return [Result("notebook time", None, None, "s", GOAL_RATIO,
                       f"no notebooks in {folder}")]
    repeats = 1 if options.quick else max(1, getattr(options, "notebook_repeat", 1))
    floor_runs = 1 if options.quick else 3
    floors: dict[str, float] = {}  # floor source -> seconds: notebooks importing alike share one
    results = []
    for path in paths:
        floor = None
        try:
            source = floor_notebook(nbformat.read(path, as_version=4)).cells[0].source
            if source not in floors:
                floors[source] = statistics.median(
                    execute_seconds(floor_notebook(nbformat.read(path, as_version=4)), folder,
                                    timeout)
                    for _ in range(floor_runs)
                )
            floor = floors[source]
            times = []
            for _ in range(repeats):
                notebook = nbformat.read(path, as_version=4)
                times.append(execute_seconds(notebook, path.parent, timeout))
        except Exception as exc:  # a broken notebook is a row, not the end of the run
            text = ANSI.sub("", str(exc)).strip()
            first_line = text.splitlines()[-1] if text else ""
            results.append(Result(f"notebook {path.name}", None, floor, "s", GOAL_RATIO,
                                  f"{type(exc).__name__}: {first_line}"[:120], failed=True))
            continue
        results.append(Result(
            f"notebook {path.name}", statistics.median(times), floor, "s", GOAL_RATIO,
            f"median of {repeats}; floor: its imports only (median of {floor_runs}); "
            + slowest_cell(notebook),
        ))
    return results
