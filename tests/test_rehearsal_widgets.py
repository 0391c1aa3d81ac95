"""Tests for course_utils.rehearsal.widgets, headless: clicks simulated by calling the handlers."""

from collections import Counter

import ipywidgets as widgets
import pytest

from course_utils.rehearsal import bank, store
from course_utils.rehearsal import widgets as rw


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv(store.ENV_VAR, str(tmp_path))


class Recorder:
    def __init__(self):
        self.calls = []

    def __call__(self, **attempt):
        self.calls.append(attempt)


def _mc(qid="why-late-fixed-lr"):
    return next(q for q in bank.load_questions() if q["id"] == qid)


def test_multiple_choice_card_gives_feedback_and_records_once():
    q, rec = _mc(), Recorder()
    card = rw.QuestionCard(q, rec)
    assert "lr-quiz" in card.widget._dom_classes
    assert "lr-quiz-feedback" in card.feedback._dom_classes
    assert isinstance(card.choice, widgets.RadioButtons)
    assert card.explanation.layout.display == "none"
    card.check_button.click()  # nothing picked yet
    assert "pick an option" in card.feedback.value and rec.calls == []
    wrong = next(i for i, a in enumerate(q["answers"]) if not a["correct"])
    card.choice.value = wrong
    card.check_button.click()
    assert "Not quite" in card.feedback.value
    assert q["answers"][wrong]["feedback"][:20] in card.feedback.value
    assert card.explanation.layout.display is None and "Why" in card.explanation.value
    right = next(i for i, a in enumerate(q["answers"]) if a["correct"])
    card.choice.value = right
    card.check_button.click()
    assert "Correct" in card.feedback.value
    assert len(rec.calls) == 1  # only the first check counts
    call = rec.calls[0]
    assert (call["question_id"], call["topic"], call["correct"], call["source"]) == (
        q["id"],
        q["topic"],
        False,
        "notebook",
    )


def test_numeric_card_rejects_bad_input_then_judges():
    q = next(q for q in bank.load_questions() if q["id"] == "steplr-45")
    rec = Recorder()
    card = rw.QuestionCard(q, rec)
    card.choice.value = "ten"
    assert card.check() is None
    assert "type a number" in card.feedback.value and rec.calls == []
    card.choice.value = "0.01"
    assert card.check().correct
    assert rec.calls[0]["correct"] is True


def test_cards_record_to_the_store_by_default():
    card = rw.QuestionCard(_mc())
    card.choice.value = next(i for i, a in enumerate(card.question["answers"]) if a["correct"])
    card.check_button.click()
    rows = store.attempts()
    assert [(r["question_id"], r["correct"], r["source"]) for r in rows] == [
        ("why-late-fixed-lr", 1, "notebook")
    ]


def test_a_failing_store_is_reported_not_raised():
    def broken(**_):
        raise OSError("disk full")

    card = rw.QuestionCard(_mc(), broken)
    card.choice.value = 0
    card.check_button.click()
    assert "progress not saved" in card.feedback.value and "disk full" in card.feedback.value


def test_quiz_builds_cards_for_a_topic():
    qz = rw.quiz("07_warmup_cosine", n=4, seed=3, record=None)
    assert len(qz.cards) == 4
    assert {c.question["topic"] for c in qz.cards} == {"07_warmup_cosine"}
    assert all(c.widget in qz.widget.children for c in qz.cards)


def test_drill_countdown_reveals_and_checklist_is_recorded():
    rec = Recorder()
    card = rw.drill("04_cosine_annealing", record=rec)
    d = card.drill
    assert isinstance(card.timer, widgets.Play) and card.timer.max == d["seconds"]
    assert card.model_answer.layout.display == "none"
    assert all(box.layout.display == "none" for box in card.checks)
    card.timer.playing = True
    card.timer.value = 10  # a tick from the browser
    assert card.clock.value == f"{d['seconds'] - 10} s left" and not card.revealed
    card.timer.value = d["seconds"]
    assert card.revealed and not card.timer.playing
    assert card.model_answer.layout.display is None and d["model_answer"][:30] in (
        card.model_answer.value
    )
    assert [box.description for box in card.checks] == d["key_points"]
    for box in card.checks[:-1]:
        box.value = True
    card.rate_button.click()
    card.rate_button.click()  # a second click does not record again
    n = len(d["key_points"])
    assert len(rec.calls) == 1
    call = rec.calls[0]
    assert call["score"] == pytest.approx((n - 1) / n)
    assert call["correct"] is ((n - 1) / n >= rw.DRILL_PASS_SHARE)
    assert call["question_id"] == d["id"] and call["topic"] == "04_cosine_annealing"
    assert call["seconds"] is not None and call["seconds"] >= 0
    assert f"{n - 1} of {n}" in card.result.value


def test_drill_reveal_button_without_starting_the_timer():
    rec = Recorder()
    card = rw.drill("00_why_schedule", record=rec)
    card.reveal_button.click()
    assert card.revealed and card.rate_button.layout.display is None
    assert card.rate() == 0.0
    assert rec.calls[0]["seconds"] is None and rec.calls[0]["correct"] is False


def test_mock_interview_leans_toward_weak_topics():
    mastery = dict.fromkeys(bank.TOPICS, 1.0) | {"05_reduce_on_plateau": 0.0}
    counts = Counter()
    for seed in range(30):
        mock = rw.mock_interview(6, seed=seed, record=None, mastery=mastery)
        counts.update(c.question["topic"] for c in mock.cards)
        assert mock.drill is not None
    share = counts["05_reduce_on_plateau"] / sum(counts.values())
    assert share > 2 * len(bank.load_questions("05_reduce_on_plateau")) / len(bank.load_questions())


def test_mock_interview_reads_mastery_from_the_store():
    for _ in range(5):
        store.record_attempt("q", "06_one_cycle", False, "test")
    mock = rw.mock_interview(3, seed=0, record=None)
    assert "06_one_cycle" in mock.widget.children[0].value  # the focus is named


def test_one_line_imports_from_the_package():
    from course_utils.rehearsal import drill, mock_interview, quiz

    assert quiz is rw.quiz and drill is rw.drill and mock_interview is rw.mock_interview
