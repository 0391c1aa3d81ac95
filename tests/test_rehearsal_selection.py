"""Tests for course_utils.rehearsal.selection: mixing bank and generated questions, weighting."""

from collections import Counter

import pytest

from course_utils.rehearsal import bank, selection


def test_mix_of_bank_and_generated_questions_is_deterministic():
    qs = selection.pick_questions(9, seed=4)
    assert len(qs) == 9
    assert 1 <= sum(bool(q.get("generated")) for q in qs) < 9
    assert len({q["id"] for q in qs}) == 9
    assert [q["id"] for q in selection.pick_questions(9, seed=4)] == [q["id"] for q in qs]
    assert [q["id"] for q in selection.pick_questions(9, seed=5)] != [q["id"] for q in qs]


def test_topic_filter_and_bank_exhaustion():
    qs = selection.pick_questions(5, seed=1, topic="05_reduce_on_plateau")
    assert {q["topic"] for q in qs} == {"05_reduce_on_plateau"}
    n_bank = len(bank.load_questions("08_training_loop"))
    qs = selection.pick_questions(50, seed=1, topic="08_training_loop")
    assert len(qs) == n_bank and not any(q.get("generated") for q in qs)
    qs = selection.pick_questions(50, seed=1, topic="01_step_lr")  # generators fill the rest
    assert len(qs) == 50


def test_bad_arguments_raise():
    with pytest.raises(ValueError, match="at least 1"):
        selection.pick_questions(0)
    with pytest.raises(ValueError, match="unknown topic"):
        selection.pick_questions(3, topic="cosine")


def test_weights_favour_weak_topics():
    mastery = dict.fromkeys(bank.TOPICS, 1.0) | {"03_exponential_lr": 0.0}
    weights = selection.topic_weights(mastery)
    assert weights["03_exponential_lr"] == 4.0 and weights["01_step_lr"] == 1.0
    assert selection.topic_weights({})["01_step_lr"] == 2.5  # unseen: in between
    counts = Counter()
    for seed in range(40):
        counts.update(q["topic"] for q in selection.pick_questions(8, seed, weights=weights))
    share = counts["03_exponential_lr"] / sum(counts.values())
    uniform = len(bank.load_questions("03_exponential_lr")) / len(bank.load_questions())
    assert share > 2 * uniform


def test_pick_drill():
    assert selection.pick_drill("06_one_cycle")["topic"] == "06_one_cycle"
    weights = dict.fromkeys(bank.TOPICS, 0.01) | {"02_multistep_lr": 100.0}
    picks = [selection.pick_drill(seed=s, weights=weights)["topic"] for s in range(20)]
    assert picks.count("02_multistep_lr") >= 18
