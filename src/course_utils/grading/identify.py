"""Read a submitted file as a notebook and tell which course notebook it is."""

import json
from pathlib import Path

# The course's notebook names (DESIGN.md, fixed).
NOTEBOOKS = (
    "00_why_schedule", "01_step_lr", "02_multistep_lr", "03_exponential_lr",
    "04_cosine_annealing", "05_reduce_on_plateau", "06_one_cycle", "07_warmup_cosine",
    "08_training_loop", "09_interview_review",
)
MAX_NOTEBOOK_BYTES = 50 * 2**20


class SubmissionError(ValueError):
    """The file cannot be graded at all (not a notebook, unknown notebook): an error row."""


def known_notebooks() -> tuple[str, ...]:
    """The fixed names plus any notebook an exercise declares (exercises may be added)."""
    from course_utils.exercises import EXERCISES

    extra = sorted({e.notebook for e in EXERCISES.values()} - set(NOTEBOOKS))
    return NOTEBOOKS + tuple(extra)


def read_notebook(path: Path) -> dict:
    """The notebook as plain JSON data (read only; never written). Raises SubmissionError."""
    try:
        size = path.stat().st_size
        if size > MAX_NOTEBOOK_BYTES:
            raise SubmissionError(f"file too large for a notebook ({size} bytes)")
        raw = path.read_bytes()
    except OSError as exc:
        raise SubmissionError(f"cannot read the file: {exc.strerror or exc}") from None
    if not raw.strip():
        raise SubmissionError("empty file, not a notebook")
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise SubmissionError(f"not a notebook: invalid JSON ({exc})") from None
    if not isinstance(data, dict) or not isinstance(data.get("cells"), list):
        raise SubmissionError("not a notebook: no list of cells")
    return data


def cell_source(cell) -> str:
    """A cell's source as one string (nbformat allows a string or a list of lines)."""
    source = cell.get("source", "") if isinstance(cell, dict) else ""
    if isinstance(source, list):
        return "".join(part for part in source if isinstance(part, str))
    return source if isinstance(source, str) else ""


def identify(data: dict, path: Path) -> str:
    """The notebook stem: course metadata first, else a known stem in the file name."""
    known = known_notebooks()
    metadata = data.get("metadata")
    course = metadata.get("course") if isinstance(metadata, dict) else None
    stem = course.get("notebook") if isinstance(course, dict) else None
    if isinstance(stem, str) and stem:
        if stem in known:
            return stem
        raise SubmissionError(f"unknown notebook {stem!r} in the course metadata")
    matches = [name for name in known if name in path.name]
    if matches:
        return max(matches, key=len)
    raise SubmissionError(
        "unknown notebook: no course metadata, and the file name contains none of the course's "
        "notebook names (e.g. 04_cosine_annealing)"
    )
