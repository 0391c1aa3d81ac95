"""`lr-course grade` on a batch vs executing each whole notebook in a fresh kernel (nbclient).

nbgrader and otter run every submitted notebook top to bottom in a new kernel; the course's
grader runs only the learner's definitions in a pre-warmed sandbox. Goals (issue 4): at least
10x less time per submission, 100 submissions under 60 s with --jobs 2, linear growth; all
with the isolation `auto` picks (namespaces where this machine has them, issue 14), whose cost
over the process sandbox is shown too.
"""

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import ROOT, Result

PER_SUBMISSION_GOAL = 0.1  # ours / nbclient
BATCH_GOAL_SECONDS = 60.0
LINEARITY_GOAL = 1.25  # marginal cost per submission may grow at most 25 % from n to 4n


def add_arguments(parser) -> None:
    parser.add_argument("--grading-batch", type=int, default=100, metavar="N",
                        help="largest batch for the grading benchmark (default 100)")


def _variants(path: Path) -> list[dict]:
    """A solved notebook as three submissions: solved, not attempted, a known mistake."""
    import inspect

    import nbformat

    from course_utils.exercises import exercises_for
    from course_utils.notebook_build import student_copy

    solved = nbformat.read(path, as_version=4)
    solved.metadata.setdefault("course", {})["copy"] = "student"
    stub, _ = student_copy(nbformat.read(path, as_version=4), path)
    wrong = nbformat.read(path, as_version=4)
    wrong.metadata.setdefault("course", {})["copy"] = "student"
    for exercise in exercises_for(path.stem):
        source = None
        for mistake in exercise.mistakes:
            impl = mistake.implementation
            try:
                source = "import math\n\n" + inspect.getsource(impl).replace(
                    f"def {impl.__name__}(", f"def {exercise.name}(", 1)
                break
            except (TypeError, OSError):  # not a plain function: try the next one
                continue
        if source is None:
            continue
        for cell in wrong.cells:
            if cell.cell_type == "code" and f"def {exercise.name}(" in cell.source:
                cell.source = source
    return [nbformat.writes(nb) for nb in (solved, stub, wrong)]


def _batch(folder: Path, n: int, templates: list[str]) -> Path:
    batch = folder / f"batch_{n}"
    batch.mkdir()
    for i in range(n):
        (batch / f"learner_{i:03d}.ipynb").write_text(templates[i % len(templates)])
    return batch


def grade_seconds(batch: Path, jobs: int, isolation: str = "auto") -> float:
    """Wall time of `lr-course grade BATCH --json --jobs N` (a fresh process, cold start)."""
    start = time.perf_counter()
    run = subprocess.run([sys.executable, "-m", "course_utils.cli", "grade", str(batch), "--json",
                          "--jobs", str(jobs), "--isolation", isolation],
                         capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    if run.returncode != 0:
        raise RuntimeError(f"lr-course grade exited {run.returncode}: {run.stderr[-300:]}")
    data = json.loads(run.stdout)["submissions"]
    broken = [s for s in data if s["error"]]
    if broken:
        raise RuntimeError(f"{len(broken)} submissions errored: {broken[0]['error']}")
    return seconds


def nbclient_seconds(text: str, folder: Path) -> float:
    """Start a kernel, run every cell of the notebook, shut down (what nbgrader/otter do)."""
    import nbformat

    from benchmarks.kernel import execute_notebook

    return execute_notebook(nbformat.reads(text, as_version=4), folder, allow_errors=True)


def run(options) -> list[Result]:
    from course_utils.exercises import exercises_for
    from course_utils.grading.isolation import choose

    isolation = choose("auto")[0]
    sources = [p for p in sorted((ROOT / "solutions").glob("*.ipynb")) if exercises_for(p.stem)]
    if not sources:
        return [Result("grade vs nbclient", None, None, "s", PER_SUBMISSION_GOAL,
                       "no solution notebook with exercises")]
    templates = [t for path in sources for t in _variants(path)]
    largest = max(4, getattr(options, "grading_batch", 100))
    if options.quick:
        largest = min(largest, 20)
    sizes = [largest // 4, largest // 2, largest]
    results = []
    with tempfile.TemporaryDirectory(prefix="bench-grading-") as tmp:
        folder = Path(tmp)
        serial_n = sizes[0]
        (folder / "serial").mkdir()
        serial_batch = _batch(folder / "serial", serial_n, templates)
        serial = grade_seconds(serial_batch, jobs=1)
        kernel_runs = 1 if options.quick else 3
        solved = templates[::3]
        baseline = statistics.median(
            nbclient_seconds(solved[i % len(solved)], folder) for i in range(kernel_runs))
        results.append(Result(
            "grade: time per submission", serial / serial_n, baseline, "s", PER_SUBMISSION_GOAL,
            f"ours ({isolation}): {serial_n} submissions --jobs 1 incl. start-up / {serial_n}; "
            f"baseline: one solved notebook run whole in a fresh kernel (nbclient, median of "
            f"{kernel_runs})"))
        if isolation == "namespaces":
            process = grade_seconds(serial_batch, jobs=1, isolation="process")
            results.append(Result(
                "grade: namespaces vs process sandbox", serial / serial_n,
                process / serial_n, "s", None, f"s per submission, {serial_n} submissions "
                "--jobs 1 incl. start-up; baseline: --isolation process"))
        repeats = 1 if options.quick else 2
        # The machine is shared: the best of `repeats` runs per size tames the noise.
        batches = {n: _batch(folder, n, templates) for n in sizes}
        times = {n: min(grade_seconds(batches[n], jobs=2) for _ in range(repeats))
                 for n in sizes}
        results.append(Result(
            f"grade: {largest} submissions --jobs 2 ({isolation})", times[largest],
            BATCH_GOAL_SECONDS, "s", 1.0,
            f"baseline = the {BATCH_GOAL_SECONDS:g} s goal; nbclient would take about "
            f"{baseline * largest / 2:.0f} s on 2 kernels"))
        small, middle = sizes[0], sizes[1]
        first = (times[middle] - times[small]) / (middle - small)
        second = (times[largest] - times[middle]) / (largest - middle)
        results.append(Result(
            "grade: marginal s/submission, large vs small batch", second, first, "s",
            LINEARITY_GOAL, ", ".join(f"{n}: {t:.1f} s" for n, t in times.items())
            + f" (--jobs 2); baseline = s per extra submission from {small} to {middle}"))
    return results
