"""Generators for notebook 10: SGDR's lr and restarts, CyclicLR's lr; the mock interview and the
Anki deck draw on notebook 10 too."""

import pytest

from course_utils import schedules
from course_utils.rehearsal import anki, bank, generators, selection

TOPIC = "10_warm_restarts_and_cycles"


def test_kinds_of_notebook_10():
    assert generators.kinds_for(TOPIC) == ["warm_restarts_lr", "warm_restarts_when", "cyclic_lr"]


def test_restart_questions_agree_with_the_closed_form():
    for seed in range(30):
        q = generators.generate("warm_restarts_when", seed)
        oracle = q["oracle"]
        T_0, T_mult = oracle["kwargs"]["T_0"], oracle["kwargs"]["T_mult"]
        assert bank.correct_value(q) == schedules.cycle_end(oracle["n"], T_0, T_mult)
        assert q["rel_tol"] == 0.0  # a step: exact


@pytest.mark.parametrize("kind", ["warm_restarts_lr", "cyclic_lr"])
def test_lr_questions_agree_with_the_closed_forms(kind):
    for seed in range(30):
        q = generators.generate(kind, seed)
        oracle, t = q["oracle"], q["oracle"]["t"]
        kwargs = dict(oracle["kwargs"])
        if kind == "warm_restarts_lr":
            want = schedules.warm_restarts_lr(t, kwargs["T_0"], kwargs["T_mult"],
                                              oracle["base_lr"], kwargs["eta_min"])
        else:
            want = schedules.cyclic_lr(t, **kwargs)
        assert bank.correct_value(q) == pytest.approx(want, rel=1e-9, abs=1e-15)


def test_the_mock_interview_draws_notebook_10():
    picked = [selection.pick_questions(12, seed=seed) for seed in range(40)]
    topics = {q["topic"] for questions in picked for q in questions}
    kinds = {q["id"].split("-")[1] for questions in picked for q in questions if q.get("generated")}
    assert TOPIC in topics
    assert {"warm_restarts_lr", "warm_restarts_when", "cyclic_lr"} & kinds
    assert selection.pick_drill(TOPIC)["topic"] == TOPIC


def test_the_anki_deck_has_notebook_10():
    deck = anki.build_deck()
    fronts = " ".join(note.fields[0] for note in deck.notes)
    for q in bank.load_questions(TOPIC):
        assert anki.card_fields(q)[0] in fronts
    assert len(bank.load_questions(TOPIC)) >= 5
