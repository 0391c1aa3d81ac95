"""Present grading results: a readable table, the JSON contract, a CSV, feedback files."""

import csv
import json
import os
from pathlib import Path

REASON_WIDTH = 90


def reason(message: str) -> str:
    """One line out of a check message: the named mistake, else the expected-vs-got line."""
    lines = [line.strip() for line in message.splitlines() if line.strip()]
    if not lines:
        return ""
    picked = next((line for line in lines if line.startswith("Likely mistake:")), None)
    if picked is None and "wrong for" in lines[0] and len(lines) > 2:
        picked = lines[2]  # the judge's detail: expected vs got, raised ..., returned None
    if picked is None:
        picked = lines[0].split(": ", 1)[-1]
    return picked if len(picked) <= REASON_WIDTH else picked[: REASON_WIDTH - 1] + "…"


def table(results, isolation: str) -> str:
    """Per submission a header line (with the isolation its code ran under), then one line
    per exercise: status, points, reason; a summary line last."""
    out = []
    for result in results:
        notebook = f"  [{result.notebook}]" if result.notebook else ""
        out.append(f"{result.path}{notebook}  {result.score}/{result.max_score}  "
                   f"(isolation: {isolation})")
        if result.error:
            out.append(f"  ERROR  {result.error}")
        out += [f"  NOTE   {note}" for note in result.notes]
        if not result.exercises and not result.error:
            out.append("  (this notebook has no graded exercises)")
        width = max((len(e.name) for e in result.exercises), default=0)
        for e in result.exercises:
            out.append(f"  {e.name:<{width}}  {e.status:<13}  {e.points:>3}/{e.max_points:<3}  "
                       f"{reason(e.message)}")
    total = sum(r.score for r in results)
    out.append(f"{len(results)} submission(s) graded; "
               f"{sum(1 for r in results if r.error)} with errors; total score {total}; "
               f"isolation: {isolation}.")
    return "\n".join(out)


def note_counts(results) -> dict[str, int]:
    """Each thing the sandbox could not apply, and for how many submissions."""
    counts: dict[str, int] = {}
    for result in results:
        for note in result.notes:
            counts[note] = counts.get(note, 0) + 1
    return counts


def to_json(results, isolation: str) -> str:
    """The fixed contract, plus the isolation the learners' code ran under."""
    return json.dumps({"isolation": isolation, "submissions": [r.to_json() for r in results]},
                      indent=2)


def exercise_columns(results) -> list[str]:
    """Exercise names over all submissions, in the order they first appear."""
    names: list[str] = []
    for result in results:
        names += [e.name for e in result.exercises if e.name not in names]
    return names


def write_csv(results, path: Path) -> None:
    """One row per submission: path, notebook, points per exercise, total, max, error."""
    names = exercise_columns(results)
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["path", "notebook", *names, "total", "max_score", "error"])
        for r in results:
            points = {e.name: e.points for e in r.exercises}
            writer.writerow([r.path, r.notebook or "", *(points.get(n, "") for n in names),
                             r.score, r.max_score, r.error or ""])


def feedback_paths(submissions, roots) -> list[Path]:
    """Where each submission's feedback goes, relative to the feedback folder: its path below
    the folder all `roots` (the PATHs given) share, as .md (`carol/04_cosine_annealing.md`)."""
    folders = [r.resolve() if r.is_dir() else r.resolve().parent for r in map(Path, roots)]
    base = Path(os.path.commonpath(folders)) if folders else Path.cwd()
    taken: set[Path] = set()
    out = []
    for submission in map(Path, submissions):
        path = submission.resolve()
        relative = path.relative_to(base) if path.is_relative_to(base) else Path(path.name)
        target, n = relative.with_suffix(".md"), 2
        while target in taken:  # notes.txt and notes.ipynb side by side
            target, n = relative.with_name(f"{relative.stem}-{n}.md"), n + 1
        taken.add(target)
        out.append(target)
    return out


def feedback(result) -> str:
    """Markdown feedback: verdict per exercise, the full message, where to get help."""
    lines = [f"# Feedback: {result.path}", ""]
    if result.notebook:
        lines.append(f"Notebook `{result.notebook}`: **{result.score} / {result.max_score}** "
                     "points.")
    if result.error:
        lines += ["", f"**This submission could not be graded fully:** {result.error}"]
    for e in result.exercises:
        lines += ["", f"## `{e.name}`: {e.status} ({e.points}/{e.max_points})", "", "```text",
                  e.message.replace("```", "'''"), "```"]
        if e.status != "passed":
            lines += ["", f"Next step: run `hint(\"{e.name}\")` in the notebook (each call shows "
                      "the next hint), fix the function and run its check cell again."]
            if result.seed is not None and e.status in ("failed", "error"):
                lines += ["", "To rerun exactly these inputs in the notebook: "
                          f"`from course_utils.checks import run_check; "
                          f"run_check(\"{e.name}\", {e.name}, seed={result.seed})`."]
    lines += ["", "Grading ran your functions on inputs drawn fresh for this submission and "
              "compared them with torch, the same comparison as the notebook's `check()`."]
    return "\n".join(lines) + "\n"


def write_feedback(results, folder: Path, roots=(), protected=()) -> list[Path]:
    """One markdown file per submission under `folder`, mirroring the submission tree below
    `roots` (see feedback_paths); never over a `protected` file (a submission)."""
    guarded = {Path(p).resolve() for p in protected}
    written = []
    paths = [r.path for r in results]
    for result, relative in zip(results, feedback_paths(paths, roots or paths), strict=True):
        target = folder / relative
        if target.resolve() in guarded:
            target = target.with_name(f"{target.stem}-feedback.md")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(feedback(result), encoding="utf-8")
        written.append(target)
    return written
