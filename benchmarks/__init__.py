"""Side-by-side benchmarks: each module's run(options) returns Results; `python -m benchmarks`."""

from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Benchmark modules, run in this order. Each exposes `run(options) -> list[Result]` and may
# expose `add_arguments(parser)` for its own options. Add a benchmark by adding its module here.
BENCHMARKS = [
    "benchmarks.explorer_latency",
    "benchmarks.notebook_time",
    "benchmarks.grading",
]


@dataclass
class Result:
    """One row of the table: ours vs a baseline, and the goal on ours/baseline."""

    name: str
    ours: float | None
    baseline: float | None
    unit: str = "ms"
    goal_ratio: float | None = None  # MET when ours / baseline <= goal_ratio
    note: str = ""
    failed: bool = False  # the measurement itself broke (not a missed goal)

    @property
    def ratio(self) -> float | None:
        if self.ours is None or not self.baseline:
            return None
        return self.ours / self.baseline

    @property
    def verdict(self) -> str:
        if self.failed:
            return "ERROR"
        if self.ratio is None:
            return "SKIPPED"
        if self.goal_ratio is None:
            return "-"
        return "MET" if self.ratio <= self.goal_ratio else "MISSED"


def _number(value: float | None) -> str:
    return "-" if value is None else f"{value:.4g}"


def format_table(results: list[Result]) -> str:
    """Plain-text table: benchmark, ours, baseline, unit, ratio, goal, verdict, note."""
    header = ("benchmark", "ours", "baseline", "unit", "ratio", "goal", "verdict", "note")
    rows = [header]
    for r in results:
        goal = "-" if r.goal_ratio is None else f"<= {r.goal_ratio:g}"
        ratio = "-" if r.ratio is None else f"{r.ratio:.3f}"
        rows.append(
            (r.name, _number(r.ours), _number(r.baseline), r.unit, ratio, goal, r.verdict, r.note)
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(header) - 1)]
    lines = []
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        lines.append("  ".join([*cells, row[-1]]).rstrip())
    lines.insert(1, "-" * len(lines[0]))
    return "\n".join(lines)
