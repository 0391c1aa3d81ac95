"""The quiz asks only what the course teaches: every bank question and drill names its section.

Each question in `rehearsal/data/questions_*.json` and each drill in `drills.json` carries
`"taught_in": "<notebook stem>#<heading text>"`. The notebook must exist in solutions/, the heading
must be one of its markdown headings (verbatim, without the leading #'s), and the item's `topic`
(the notebook whose quiz draws it) must be that notebook or a later one in course order.
"""

import json
import re
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "src" / "course_utils" / "rehearsal" / "data"
SOLUTIONS = ROOT / "solutions"
STEM = re.compile(r"^(\d{2})_[a-z0-9_]+$")
HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(.*?)[ \t]*$")
FENCE = re.compile(r"^ {0,3}(```|~~~)")


def markdown_headings(notebook: Path) -> set[str]:
    """The text of every markdown heading line of a notebook (fenced code blocks excluded)."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    headings = set()
    for cell in cells:
        if cell["cell_type"] != "markdown":
            continue
        source = cell["source"]
        text = "".join(source) if isinstance(source, list) else source
        in_fence = False
        for line in text.splitlines():
            if FENCE.match(line):
                in_fence = not in_fence
            elif not in_fence and (match := HEADING.match(line)):
                headings.add(match.group(1))
    return headings


@cache
def _headings_of(notebook: Path) -> frozenset[str]:
    return frozenset(markdown_headings(notebook))


def section_problems(item: dict, solutions: Path = SOLUTIONS) -> list[str]:
    """Everything wrong with one question's or drill's `taught_in` (empty list: fine)."""
    taught_in = item.get("taught_in")
    if taught_in is None:
        return ["lacks 'taught_in' (\"<notebook stem>#<heading>\", see SHARED_DECISIONS §2)"]
    if not isinstance(taught_in, str) or "#" not in taught_in:
        return [f"taught_in {taught_in!r} is not \"<notebook stem>#<heading>\""]
    stem, heading = taught_in.split("#", 1)
    notebook = solutions / f"{stem}.ipynb"
    if not STEM.match(stem) or not notebook.is_file():
        return [f"taught_in names {stem!r}, which is not a notebook in {solutions.name}/"]
    problems = []
    if heading not in _headings_of(notebook):
        problems.append(f"{stem} has no markdown heading {heading!r}")
    topic = item.get("topic")
    if not isinstance(topic, str) or not STEM.match(topic):
        problems.append(f"topic {topic!r} is not a notebook stem")
    elif topic[:2] < stem[:2]:
        problems.append(
            f"drawn in {topic}, before {stem} teaches it: move it to {stem}'s quiz "
            "(or to pending_part2 if a Part II notebook teaches it)"
        )
    return problems


def bank_items() -> list[tuple[str, dict]]:
    """(kind, item) for every question file and every drill, in file order."""
    items = []
    for path in sorted(DATA.glob("questions_*.json")):
        items += [("question", q) for q in json.loads(path.read_text(encoding="utf-8"))]
    items += [("drill", d) for d in json.loads((DATA / "drills.json").read_text(encoding="utf-8"))]
    return items


ITEMS = bank_items()


def generated_items() -> list[dict]:
    """One question of each generator kind: each names its section like the bank's items."""
    from course_utils.rehearsal import generators

    return [generators.generate(kind, 0) for kind in generators.GENERATORS]


@pytest.mark.parametrize("item", generated_items(), ids=lambda q: q["id"])
def test_generated_question_names_the_section_that_teaches_it(item):
    problems = section_problems(item)
    assert not problems, f"{item['id']}: " + "; ".join(problems)


def test_the_bank_is_found():
    kinds = {kind for kind, _ in ITEMS}
    assert kinds == {"question", "drill"}, f"no questions or drills under {DATA}"
    assert len(list(SOLUTIONS.glob("*.ipynb"))) >= 10


@pytest.mark.parametrize(
    "item", [item for _, item in ITEMS],
    ids=[f"{item.get('topic')}:{kind}:{item.get('id')}" for kind, item in ITEMS],
)
def test_item_names_the_section_that_teaches_it(item):
    problems = section_problems(item)
    assert not problems, f"{item.get('id')}: " + "; ".join(problems)


# The check itself, on a small notebook of known headings: it must be able to fail.


@pytest.fixture
def solutions(tmp_path: Path) -> Path:
    cells = [
        {"cell_type": "markdown", "source": ["# 03 · Title\n", "\n", "## 2. The formula\n"]},
        {"cell_type": "markdown", "source": "text\n### 7.1 A `pitfall`: here  \nmore"},
        {"cell_type": "markdown", "source": ["```bash\n", "# not a heading\n", "```"]},
        {"cell_type": "code", "source": ["# 9. a comment, not a heading"]},
    ]
    (tmp_path / "03_exponential_lr.ipynb").write_text(json.dumps({"cells": cells}))
    return tmp_path


def _item(taught_in, topic="03_exponential_lr"):
    item = {"id": "q", "topic": topic}
    if taught_in is not None:
        item["taught_in"] = taught_in
    return item


def test_headings_are_markdown_heading_lines_only(solutions):
    headings = markdown_headings(solutions / "03_exponential_lr.ipynb")
    assert headings == {"03 · Title", "2. The formula", "7.1 A `pitfall`: here"}


@pytest.mark.parametrize("taught_in, topic", [
    ("03_exponential_lr#2. The formula", "03_exponential_lr"),
    ("03_exponential_lr#7.1 A `pitfall`: here", "09_interview_review"),
])
def test_a_section_taught_in_the_same_or_an_earlier_notebook_passes(solutions, taught_in, topic):
    assert section_problems(_item(taught_in, topic), solutions) == []


@pytest.mark.parametrize("taught_in, topic, expected", [
    (None, "03_exponential_lr", "lacks 'taught_in'"),
    ("03_exponential_lr", "03_exponential_lr", "is not \"<notebook stem>#<heading>\""),
    (["03_exponential_lr#2. The formula"], "03_exponential_lr", "is not \"<notebook"),
    ("10_warm_restarts_and_cycles#1. Why", "10_warm_restarts_and_cycles", "not a notebook"),
    ("03_exponential_lr#2. the formula", "03_exponential_lr", "no markdown heading"),
    ("03_exponential_lr### 2. The formula", "03_exponential_lr", "no markdown heading"),
    ("03_exponential_lr#not a heading", "03_exponential_lr", "no markdown heading"),
    ("03_exponential_lr#9. a comment, not a heading", "03_exponential_lr", "no markdown heading"),
    ("03_exponential_lr#2. The formula", "01_step_lr", "before 03_exponential_lr teaches it"),
    ("03_exponential_lr#2. The formula", "quiz", "not a notebook stem"),
])
def test_a_wrong_or_missing_section_is_named(solutions, taught_in, topic, expected):
    problems = section_problems(_item(taught_in, topic), solutions)
    assert len(problems) == 1 and expected in problems[0], problems
