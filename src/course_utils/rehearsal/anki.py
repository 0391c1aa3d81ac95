"""`lr-course anki`: export the question bank and drills as an Anki deck (genanki)."""

import argparse
import html
import re
from pathlib import Path

from course_utils.cli_args import CommandError, UsageError
from course_utils.rehearsal.bank import TOPICS, expected_text, load_drills, load_questions

# Fixed once, never change: Anki matches model, deck and notes across re-imports by these.
MODEL_ID = 1_607_392_319
DECK_ID = 2_059_400_110
DECK_NAME = "LR schedules course"
DEFAULT_OUT = "lr_schedules_course.apkg"
_MATH = re.compile(r"\$\$(.+?)\$\$|\$(.+?)\$", re.DOTALL)


def anki_html(text: str) -> str:
    """HTML for an Anki field: text escaped, $..$ as \\( .. \\) and $$..$$ as \\[ .. \\]."""
    out, pos = [], 0
    for m in _MATH.finditer(text):
        out.append(html.escape(text[pos : m.start()], quote=False))
        if m.group(1) is not None:
            out.append(r"\[" + html.escape(m.group(1), quote=False) + r"\]")
        else:
            out.append(r"\(" + html.escape(m.group(2), quote=False) + r"\)")
        pos = m.end()
    out.append(html.escape(text[pos:], quote=False))
    return "".join(out).replace("\n", "<br>")


def card_fields(item: dict) -> tuple[str, str]:
    """(front, back) HTML of one question or drill."""
    if "prompt" in item:  # a drill
        points = "".join(f"<li>{anki_html(p)}</li>" for p in item["key_points"])
        return (
            f"<b>Explain out loud ({item['seconds']} s):</b> {anki_html(item['prompt'])}",
            f"{anki_html(item['model_answer'])}<br><b>Key points:</b><ul>{points}</ul>",
        )
    front = anki_html(item["question"])
    if item["type"] == "multiple_choice":
        options = "".join(f"<li>{anki_html(a['answer'])}</li>" for a in item["answers"])
        front += f"<ol>{options}</ol>"
    back = f"<b>{anki_html(expected_text(item))}</b><br>{anki_html(item['explanation'])}"
    return front, back


def build_deck():
    """The genanki Deck: one note per bank question and drill, tagged by notebook topic."""
    import genanki

    model = genanki.Model(
        MODEL_ID,
        "LR course card",
        fields=[{"name": "Front"}, {"name": "Back"}, {"name": "Id"}],
        templates=[
            {
                "name": "Card 1",
                "qfmt": "{{Front}}",
                "afmt": '{{FrontSide}}<hr id="answer">{{Back}}',
            }
        ],
    )
    deck = genanki.Deck(DECK_ID, DECK_NAME)
    for item in [*load_questions(), *load_drills()]:
        front, back = card_fields(item)
        deck.add_note(
            genanki.Note(
                model=model,
                fields=[front, back, html.escape(item["id"])],
                guid=genanki.guid_for(item["id"]),
                tags=["lr-course", f"lr-course::{item['topic']}"],
                sort_field=item["id"],
            )
        )
    return deck


def export(out: Path) -> int:
    """Write the deck to `out`; return the number of notes."""
    import genanki

    deck = build_deck()
    genanki.Package(deck).write_to_file(str(out))
    return len(deck.notes)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--out",
        type=Path,
        default=Path(DEFAULT_OUT),
        metavar="FILE",
        help=f"the .apkg file to write (default {DEFAULT_OUT})",
    )


def run(args: argparse.Namespace) -> int:
    out: Path = args.out
    if out.suffix != ".apkg":
        raise UsageError(f"--out must end in .apkg, got {out}")
    if not out.parent.is_dir():
        raise UsageError(f"--out: no such directory: {out.parent}")
    try:
        n = export(out)
    except OSError as exc:
        raise CommandError(f"cannot write {out}: {exc}") from None
    print(f"wrote {n} notes ({len(TOPICS)} topics) to {out}")
    return 0
