"""The course map is the course: one notebook per entry, in both folders, under its title."""

import json
from pathlib import Path

import pytest

from course_utils import course

ROOT = Path(__file__).resolve().parents[1]
PART_ONE = [notebook for notebook in course.NOTEBOOKS if notebook.part == 1]


def test_names_are_unique_and_numbered_in_order():
    assert len(set(course.NAMES)) == len(course.NAMES)
    numbers = [int(name[:2]) for name in course.NAMES]
    assert numbers[: len(PART_ONE)] == list(range(len(PART_ONE)))
    assert numbers == sorted(set(numbers))  # Part II notebooks may land one at a time
    parts = [notebook.part for notebook in course.NOTEBOOKS]
    assert parts == sorted(parts) and set(parts) <= {1, 2}


@pytest.mark.parametrize("folder", ["solutions", "notebooks"])
def test_every_notebook_of_the_map_and_no_other(folder):
    assert sorted(p.stem for p in (ROOT / folder).glob("*.ipynb")) == sorted(course.NAMES)


@pytest.mark.parametrize("notebook", course.NOTEBOOKS, ids=lambda n: n.name)
def test_title_is_the_notebooks_heading(notebook):
    cells = json.loads((ROOT / "solutions" / f"{notebook.name}.ipynb").read_text())["cells"]
    heading = "".join(cells[0]["source"]).splitlines()[0]
    assert heading == f"# {notebook.name[:2]} · {notebook.title}"


def test_unknown_names_are_refused_with_the_choices():
    with pytest.raises(ValueError, match="04_cosine_annealing"):
        course.check_name("04_cosine")
    assert course.check_name(None) is None
    assert course.position("01_step_lr") == 1
