"""Read a submitted file as a notebook and tell which course notebook it is."""

import json
from pathlib import Path

from course_utils.course import NAMES

MAX_NOTEBOOK_BYTES = 50 * 2**20


class SubmissionError(ValueError):
    """The file cannot be graded at all (not a notebook, unknown notebook): an error row."""


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
    metadata = data.get("metadata")
    course = metadata.get("course") if isinstance(metadata, dict) else None
    stem = course.get("notebook") if isinstance(course, dict) else None
    if isinstance(stem, str) and stem:
        if stem in NAMES:
            return stem
        raise SubmissionError(f"unknown notebook {stem!r} in the course metadata")
    matches = [name for name in NAMES if name in path.name]
    if matches:
        return max(matches, key=len)
    raise SubmissionError(
        "unknown notebook: no course metadata, and the file name contains none of the course's "
        "notebook names (e.g. 04_cosine_annealing)"
    )
