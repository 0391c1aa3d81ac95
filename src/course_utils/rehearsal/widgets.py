"""Notebook widgets: quiz cards with instant feedback, timed spoken drills, mock interviews.

One line in a notebook: `quiz("04_cosine_annealing")`, `drill("04_cosine_annealing")`,
`mock_interview(5)`. Answers are judged in the kernel and recorded in the progress store.
"""

import html
import time
from collections.abc import Callable

import ipywidgets as widgets

from course_utils.rehearsal.bank import judge_response, parse_response, plain_text
from course_utils.rehearsal.selection import pick_drill, pick_questions, topic_weights

DRILL_PASS_SHARE = 0.75  # ticking this share of the key points counts as a correct drill
Recorder = Callable[..., object]


def _record_to_store(**attempt) -> None:
    from course_utils.rehearsal import store

    store.record_attempt(**attempt)


def _safe_record(record: Recorder | None, **attempt) -> str:
    """Record an attempt; return a note for the learner ('' when all went well)."""
    if record is None:
        return ""
    try:
        record(**attempt)
    except Exception as exc:  # progress is a convenience: never break the quiz over it
        return f" <i>(progress not saved: {html.escape(str(exc))})</i>"
    return ""


def _math_html(text: str) -> str:
    return html.escape(text, quote=False)


class _Displayed:
    """Displays as its `widget` when it is the last expression of a cell."""

    widget: widgets.Widget

    def _ipython_display_(self):
        from IPython.display import display

        display(self.widget)


class QuestionCard(_Displayed):
    """One question: options (RadioButtons) or a number box, a Check button, feedback, explanation.

    The first check of a card is recorded; later checks give feedback only.
    """

    def __init__(
        self, question: dict, record: Recorder | None = _record_to_store, source: str = "notebook"
    ):
        self.question, self.record, self.source = question, record, source
        self.prompt = widgets.HTMLMath(_math_html(question["question"]))
        if question["type"] == "multiple_choice":
            labels = [plain_text(a["answer"]) for a in question["answers"]]
            self.choice = widgets.RadioButtons(
                options=[(label, i) for i, label in enumerate(labels)],
                value=None,
                layout=widgets.Layout(width="auto"),
            )
        else:
            self.choice = widgets.Text(placeholder="a number, e.g. 0.001 or 1e-3")
        self.check_button = widgets.Button(description="Check", button_style="primary")
        self.feedback = widgets.HTML("")
        self.feedback.add_class("lr-quiz-feedback")
        self.explanation = widgets.HTMLMath("", layout=widgets.Layout(display="none"))
        self.widget = widgets.VBox(
            [self.prompt, self.choice, self.check_button, self.feedback, self.explanation]
        )
        self.widget.add_class("lr-quiz")
        self.check_button.on_click(self.check)
        self.recorded = False
        self._shown_at = time.monotonic()

    def response(self):
        """The learner's current answer, parsed (ValueError with a clear message if unusable)."""
        if self.question["type"] == "multiple_choice":
            if self.choice.value is None:
                raise ValueError("pick an option first")
            return self.choice.value
        return parse_response(self.question, self.choice.value)

    def check(self, _button=None):
        """Judge the current answer and show feedback + explanation; return the Verdict."""
        try:
            response = self.response()
        except ValueError as exc:
            self.feedback.value = f"<span style='color:#b45309'>{html.escape(str(exc))}.</span>"
            return None
        verdict = judge_response(self.question, response)
        head = "✅ Correct." if verdict.correct else "❌ Not quite."
        colour = "#15803d" if verdict.correct else "#b91c1c"
        text = f"<b style='color:{colour}'>{head}</b> {_math_html(verdict.feedback)}"
        if not verdict.correct:
            text += f"<br>Answer: {_math_html(verdict.expected)}"
        if not self.recorded:
            self.recorded = True
            text += _safe_record(
                self.record,
                question_id=self.question["id"],
                topic=self.question["topic"],
                correct=verdict.correct,
                source=self.source,
                seconds=time.monotonic() - self._shown_at,
            )
        self.feedback.value = text
        self.explanation.value = "<b>Why:</b> " + _math_html(self.question["explanation"])
        self.explanation.layout.display = None
        return verdict


class DrillCard(_Displayed):
    """A timed explain-out-loud drill: prompt, countdown, model answer, key-point checklist.

    The countdown is an ipywidgets Play widget (ticks come from the browser), so the kernel
    is never blocked; at zero, or on "Reveal now", the model answer and checkboxes appear.
    """

    def __init__(
        self, drill: dict, record: Recorder | None = _record_to_store, source: str = "notebook"
    ):
        self.drill, self.record, self.source = drill, record, source
        seconds = drill["seconds"]
        self.prompt = widgets.HTMLMath(f"<b>Explain out loud:</b> {_math_html(drill['prompt'])}")
        self.timer = widgets.Play(
            value=0,
            min=0,
            max=seconds,
            step=1,
            interval=1000,
            show_repeat=False,
            description="Start",
        )
        self.clock = widgets.Label(f"{seconds} s to speak — press ▶ to start")
        self.reveal_button = widgets.Button(description="Reveal now")
        self.model_answer = widgets.HTMLMath("", layout=widgets.Layout(display="none"))
        self.checks = [
            widgets.Checkbox(
                value=False,
                description=p,
                indent=False,
                layout=widgets.Layout(width="auto", display="none"),
            )
            for p in drill["key_points"]
        ]
        self.rate_button = widgets.Button(
            description="Record my score", layout=widgets.Layout(display="none")
        )
        self.result = widgets.HTML("")
        self.widget = widgets.VBox(
            [
                self.prompt,
                widgets.HBox([self.timer, self.clock]),
                self.reveal_button,
                self.model_answer,
                *self.checks,
                self.rate_button,
                self.result,
            ]
        )
        self.widget.add_class("lr-drill")
        self.timer.observe(self._on_tick, names="value")
        self.timer.observe(self._on_playing, names="playing")
        self.reveal_button.on_click(self.reveal)
        self.rate_button.on_click(self.rate)
        self.started_at: float | None = None
        self.seconds_spoken: float | None = None
        self.revealed = self.recorded = False

    def _on_playing(self, change) -> None:
        if change["new"] and self.started_at is None:
            self.started_at = time.monotonic()

    def _on_tick(self, change) -> None:
        if self.started_at is None:
            self.started_at = time.monotonic()
        left = self.drill["seconds"] - change["new"]
        self.clock.value = f"{left} s left" if left > 0 else "time is up"
        if left <= 0:
            self.reveal()

    def reveal(self, _button=None) -> None:
        """Stop the countdown; show the model answer and the key-point checklist."""
        if self.revealed:
            return
        self.revealed = True
        self.timer.playing = False
        if self.started_at is not None:
            self.seconds_spoken = time.monotonic() - self.started_at
        self.model_answer.value = "<b>Model answer:</b> " + _math_html(self.drill["model_answer"])
        self.model_answer.layout.display = None
        for box in self.checks:
            box.layout.display = None
        self.rate_button.layout.display = None
        self.result.value = "Tick the key points you covered, then record your score."

    def rate(self, _button=None) -> float:
        """Score = share of key points ticked; record it once. Returns the score."""
        ticked = sum(box.value for box in self.checks)
        score = ticked / len(self.checks)
        note = ""
        if not self.recorded:
            self.recorded = True
            self.rate_button.disabled = True
            note = _safe_record(
                self.record,
                question_id=self.drill["id"],
                topic=self.drill["topic"],
                correct=score >= DRILL_PASS_SHARE,
                source=self.source,
                seconds=self.seconds_spoken,
                score=score,
            )
        self.result.value = (
            f"You covered {ticked} of {len(self.checks)} key points ({100 * score:.0f} %).{note}"
        )
        return score


class Quiz(_Displayed):
    """A column of cards (and optionally a drill), displayed as one widget."""

    def __init__(self, cards: list[QuestionCard], drill: DrillCard | None = None, title: str = ""):
        self.cards, self.drill = cards, drill
        children = [widgets.HTML(f"<h4>{html.escape(title)}</h4>")] if title else []
        children += [c.widget for c in cards]
        if drill is not None:
            children.append(drill.widget)
        self.widget = widgets.VBox(children)


def quiz(
    topic: str | None = None,
    n: int = 3,
    seed: int | None = None,
    record: Recorder | None = _record_to_store,
) -> Quiz:
    """n questions (bank + freshly generated) for a notebook topic, checked in the kernel."""
    questions = pick_questions(n, seed=seed, topic=topic)
    return Quiz(
        [QuestionCard(q, record) for q in questions], title=f"Quiz: {topic}" if topic else "Quiz"
    )


def drill(
    topic: str | None = None, seed: int | None = None, record: Recorder | None = _record_to_store
) -> DrillCard:
    """A timed explain-it-out-loud drill for a notebook topic."""
    return DrillCard(pick_drill(topic, seed), record)


def mock_interview(
    n: int = 5,
    seed: int | None = None,
    record: Recorder | None = _record_to_store,
    mastery: dict | None = None,
) -> Quiz:
    """n questions plus one drill, drawn more often from the learner's weak topics."""
    if mastery is None:
        from course_utils.rehearsal import store

        mastery = store.mastery()
    weights = topic_weights(mastery)
    questions = pick_questions(n, seed=seed, weights=weights)
    drill_card = DrillCard(pick_drill(seed=seed, weights=weights), record)
    from course_utils.rehearsal.store import WEAK_THRESHOLD

    weak = [t for t, m in mastery.items() if m is not None and m < WEAK_THRESHOLD]
    title = "Mock interview" + (f" (focus: {', '.join(weak)})" if weak else "")
    return Quiz([QuestionCard(q, record) for q in questions], drill_card, title)
