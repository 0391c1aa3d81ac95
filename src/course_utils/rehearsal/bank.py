"""The question bank and drills: load the JSON data, validate it, judge an answer."""

import copy
import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from course_utils.course import NAMES as TOPICS  # a topic is a notebook of the course map

QUESTION_TYPES = ("multiple_choice", "numeric")
DEFAULT_REL_TOL = 0.005  # 3 significant digits are always accepted
DEFAULT_ABS_TOL = 1e-12
# A radio label longer than this wraps onto the next option in the notebook's quiz widget and
# takes its clicks: keep answers short and put the detail in their feedback.
MAX_ANSWER_CHARS = 110


@dataclass(frozen=True)
class Verdict:
    """The judgement of one answer: correct or not, the feedback to show, the right answer."""

    correct: bool
    feedback: str
    expected: str


def _read_json(name: str):
    return json.loads((resources.files(__package__) / "data" / name).read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _all_questions() -> tuple[dict, ...]:
    data = resources.files(__package__) / "data"
    names = sorted(p.name for p in data.iterdir() if p.name.startswith("questions_"))
    return tuple(q for name in names for q in _read_json(name))


@lru_cache(maxsize=1)
def _all_drills() -> tuple[dict, ...]:
    return tuple(_read_json("drills.json"))


def check_topic(topic: str | None) -> str | None:
    """Return topic unchanged if it is None or a notebook name, else raise ValueError."""
    if topic is not None and topic not in TOPICS:
        raise ValueError(f"unknown topic {topic!r}; choose one of: {', '.join(TOPICS)}")
    return topic


def load_questions(topic: str | None = None) -> list[dict]:
    """Bank questions (copies), all or those of one notebook topic."""
    check_topic(topic)
    return [copy.deepcopy(q) for q in _all_questions() if topic in (None, q["topic"])]


def load_drills(topic: str | None = None) -> list[dict]:
    """Explain-it-out-loud drills (copies), all or those of one notebook topic."""
    check_topic(topic)
    return [copy.deepcopy(d) for d in _all_drills() if topic in (None, d["topic"])]


def taught_in_problems(taught_in, topic) -> list[str]:
    """What is wrong with an item's `taught_in`, "<notebook>#<heading>": the notebook must be
    in the course and no later than the quiz (`topic`) that draws the item. Whether the
    heading exists is checked against the notebooks by tests/test_rehearsal_bank_sections.py."""
    if not isinstance(taught_in, str) or "#" not in taught_in:
        return [f"taught_in {taught_in!r} is not \"<notebook>#<heading>\""]
    notebook, heading = taught_in.split("#", 1)
    if notebook not in TOPICS:
        return [f"taught_in names {notebook!r}, which is not a notebook of the course"]
    if not heading:
        return [f"taught_in {taught_in!r} names no heading"]
    if topic in TOPICS and TOPICS.index(topic) < TOPICS.index(notebook):
        return [f"drawn in {topic}, before {notebook} teaches it"]
    return []


def question_problems(q: dict) -> list[str]:
    """Everything wrong with one question's schema (empty list: valid)."""
    problems = []
    for key, kind in (("id", str), ("topic", str), ("question", str), ("explanation", str)):
        if not isinstance(q.get(key), kind) or not q.get(key):
            problems.append(f"missing or empty {key!r}")
    if q.get("topic") not in TOPICS:
        problems.append(f"topic {q.get('topic')!r} is not a notebook name")
    if "taught_in" in q:  # required by tests/test_rehearsal_bank_sections.py
        problems += taught_in_problems(q["taught_in"], q.get("topic"))
    qtype = q.get("type")
    answers = q.get("answers")
    if qtype not in QUESTION_TYPES:
        return [*problems, f"type {qtype!r} not in {QUESTION_TYPES}"]
    if not isinstance(answers, list) or not answers:
        return [*problems, "no answers"]
    if qtype == "multiple_choice":
        if len(answers) < 2:
            problems.append("a multiple-choice question needs at least two answers")
        for a in answers:
            if not isinstance(a.get("answer"), str) or not isinstance(a.get("correct"), bool):
                problems.append(f"answer {a!r} needs 'answer' (str) and 'correct' (bool)")
            if not a.get("feedback"):
                problems.append(f"answer {a.get('answer')!r} has no feedback")
            if isinstance(a.get("answer"), str) and \
                    len(plain_text(a["answer"])) > MAX_ANSWER_CHARS:
                problems.append(f"answer {a['answer'][:40]!r}... is longer than "
                                f"{MAX_ANSWER_CHARS} characters (move the detail to its feedback)")
        if sum(a.get("correct") is True for a in answers) != 1:
            problems.append("a multiple-choice question needs exactly one correct answer")
    else:
        problems += _numeric_problems(q, answers)
    return problems


def _numeric_problems(q: dict, answers: list) -> list[str]:
    problems = []
    for a in answers:
        kind = a.get("type")
        if kind == "value" and not _is_number(a.get("value")):
            problems.append(f"value answer {a!r} has no numeric 'value'")
        elif kind == "range" and not (
            isinstance(a.get("range"), list)
            and len(a["range"]) == 2
            and all(_is_number(x) for x in a["range"])
            and a["range"][0] <= a["range"][1]
        ):
            problems.append(f"range answer {a!r} needs 'range': [low, high]")
        elif kind == "default" and not a.get("feedback"):
            problems.append("the default answer needs feedback")
        elif kind not in ("value", "range", "default"):
            problems.append(f"numeric answer type {kind!r} not in value/range/default")
        if kind in ("value", "range") and not isinstance(a.get("correct"), bool):
            problems.append(f"answer {a!r} needs 'correct' (bool)")
    if not any(a.get("type") == "value" and a.get("correct") is True for a in answers):
        problems.append("a numeric question needs at least one correct value answer")
    if not isinstance(q.get("oracle"), dict) or "scheduler" not in q["oracle"]:
        problems.append("a numeric question needs an 'oracle' spec with a 'scheduler'")
    if not isinstance(q.get("precision"), int):
        problems.append("a numeric question needs an integer 'precision'")
    return problems


def drill_problems(d: dict) -> list[str]:
    """Everything wrong with one drill's schema (empty list: valid)."""
    problems = []
    for key in ("id", "topic", "prompt", "model_answer"):
        if not isinstance(d.get(key), str) or not d.get(key):
            problems.append(f"missing or empty {key!r}")
    if d.get("topic") not in TOPICS:
        problems.append(f"topic {d.get('topic')!r} is not a notebook name")
    if "taught_in" in d:
        problems += taught_in_problems(d["taught_in"], d.get("topic"))
    points = d.get("key_points")
    if (
        not isinstance(points, list)
        or len(points) < 3
        or not all(isinstance(p, str) and p for p in points)
    ):
        problems.append("'key_points' must list at least three non-empty strings")
    if not isinstance(d.get("seconds"), int) or d["seconds"] <= 0:
        problems.append("'seconds' must be a positive integer")
    return problems


def _is_number(x) -> bool:
    return isinstance(x, int | float) and not isinstance(x, bool) and math.isfinite(x)


def correct_value(q: dict) -> float:
    """The first correct value of a numeric question."""
    return next(a["value"] for a in q["answers"] if a.get("type") == "value" and a["correct"])


_PLAIN = (
    ("\\text{step\\_size}", "step_size"),
    ("\\cdot", "·"),
    ("\\gamma", "γ"),
    ("\\lfloor", "⌊"),
    ("\\rfloor", "⌋"),
    ("\\pi", "π"),
    ("\\eta", "η"),
    ("\\_", "_"),
    ("^{", "^("),
    ("_{", "_("),
    ("{", "("),
    ("}", ")"),
    ("\\ ", " "),
)


def plain_text(text: str) -> str:
    """Text for a terminal: $...$ math turned into plain Unicode."""
    parts = text.split("$")
    for i in range(1, len(parts), 2):
        math_part = parts[i]
        for latex, plain in _PLAIN:
            math_part = math_part.replace(latex, plain)
        parts[i] = " ".join(math_part.split())
    return "".join(parts)


def format_number(x: float, precision: int = 4) -> str:
    """x with `precision` significant digits, integers without a decimal point."""
    if float(x).is_integer() and abs(x) < 1e6:
        return str(int(x))
    return f"{x:.{precision}g}"


def parse_response(q: dict, text: str):
    """The learner's typed answer: 0-based option index (MC) or a float; ValueError if bad."""
    text = text.strip()
    if q["type"] == "multiple_choice":
        n = len(q["answers"])
        try:
            choice = int(text)
        except ValueError:
            raise ValueError(f"type the number of an option, 1 to {n}") from None
        if not 1 <= choice <= n:
            raise ValueError(f"there is no option {choice}: type a number from 1 to {n}")
        return choice - 1
    try:
        value = float(text)
    except ValueError:
        raise ValueError("type a number, e.g. 0.001 or 1e-3") from None
    if not math.isfinite(value):
        raise ValueError("type a finite number, e.g. 0.001 or 1e-3")
    return value


def _close(q: dict, got: float, want: float) -> bool:
    rel_tol = q.get("rel_tol", DEFAULT_REL_TOL)
    return math.isclose(got, want, rel_tol=rel_tol, abs_tol=q.get("abs_tol", DEFAULT_ABS_TOL))


def expected_text(q: dict) -> str:
    """The right answer as text."""
    if q["type"] == "multiple_choice":
        i, a = next((i, a) for i, a in enumerate(q["answers"]) if a["correct"])
        return f"{i + 1}. {a['answer']}"
    return format_number(correct_value(q), max(q.get("precision", 4), 4))


def judge_response(q: dict, response) -> Verdict:
    """Judge a response (0-based index for MC, a number for numeric) against the question."""
    expected = expected_text(q)
    if q["type"] == "multiple_choice":
        answer = q["answers"][response]
        return Verdict(answer["correct"], answer.get("feedback", ""), expected)
    value = float(response)
    for a in q["answers"]:
        if a.get("type") == "value" and _close(q, value, a["value"]):
            return Verdict(a["correct"], a.get("feedback", ""), expected)
        if a.get("type") == "range" and a["range"][0] <= value <= a["range"][1]:
            return Verdict(a["correct"], a.get("feedback", ""), expected)
    default = next((a for a in q["answers"] if a.get("type") == "default"), {})
    return Verdict(False, default.get("feedback", "Not quite."), expected)
