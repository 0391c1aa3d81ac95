"""Tests for `lr-course anki`: the .apkg is a zip holding a SQLite collection we can read back."""

import json
import sqlite3
import zipfile

import genanki
import pytest

from course_utils import cli
from course_utils.rehearsal import anki, bank


def _read_notes(apkg, tmp_path):
    with zipfile.ZipFile(apkg) as z:
        assert "collection.anki2" in z.namelist()
        z.extract("collection.anki2", tmp_path)
    conn = sqlite3.connect(tmp_path / "collection.anki2")
    try:
        notes = conn.execute("SELECT guid, mid, tags, flds FROM notes").fetchall()
        decks = json.loads(conn.execute("SELECT decks FROM col").fetchone()[0])
        cards = conn.execute("SELECT DISTINCT did FROM cards").fetchall()
    finally:
        conn.close()
    return notes, decks, cards


def test_deck_has_every_question_and_drill_with_stable_ids(tmp_path, capsys):
    out = tmp_path / "deck.apkg"
    assert cli.main(["anki", "--out", str(out)]) == 0
    assert "notes" in capsys.readouterr().out
    notes, decks, cards = _read_notes(out, tmp_path)
    items = bank.load_questions() + bank.load_drills()
    assert len(notes) == len(items) >= 40
    assert {n[0] for n in notes} == {genanki.guid_for(i["id"]) for i in items}
    assert {n[1] for n in notes} == {anki.MODEL_ID}
    assert str(anki.DECK_ID) in decks and cards == [(anki.DECK_ID,)]
    by_guid = {n[0]: n for n in notes}
    for item in items:
        tags = by_guid[genanki.guid_for(item["id"])][2].split()
        assert f"lr-course::{item['topic']}" in tags


def test_guids_are_stable_across_two_exports(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    anki.export(first / "deck.apkg")
    anki.export(second / "deck.apkg")
    notes_a, _, _ = _read_notes(first / "deck.apkg", first)
    notes_b, _, _ = _read_notes(second / "deck.apkg", second)
    assert sorted((g, f) for g, _, _, f in notes_a) == sorted((g, f) for g, _, _, f in notes_b)


def test_math_uses_anki_delimiters_and_html_is_escaped():
    q = next(q for q in bank.load_questions() if q["id"] == "multistep-formula")
    front, _back = anki.card_fields(q)
    assert "$" not in front and r"\(b \cdot \gamma^{m(t)}\)" in front
    assert "&lt; t" in front  # "milestones < t" outside math is escaped
    assert anki.anki_html("$$x^2$$ and $y$") == r"\[x^2\] and \(y\)"
    drill_front, drill_back = anki.card_fields(bank.load_drills()[0])
    assert "Explain out loud" in drill_front and "<li>" in drill_back


@pytest.mark.parametrize("name", ["missing_dir/deck.apkg", "deck.txt"])
def test_bad_output_paths_are_usage_errors(tmp_path, capsys, name):
    assert cli.main(["anki", "--out", str(tmp_path / name)]) == 2
    assert "error" in capsys.readouterr().err
