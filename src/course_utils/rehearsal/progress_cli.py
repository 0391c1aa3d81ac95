"""`lr-course progress`: attempts, correct answers and mastery per notebook topic."""

import argparse
import json

from course_utils.cli_args import CommandError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")


def report() -> dict:
    """Totals, per-topic stats and weak topics from the progress store."""
    from course_utils.rehearsal import store

    stats = store.topic_stats()
    return {
        "db": str(store.db_path()),
        "attempts": sum(s["attempts"] for s in stats.values()),
        "correct": sum(s["correct"] for s in stats.values()),
        "mastery_window": store.MASTERY_WINDOW,
        "topics": [{"topic": t, **s} for t, s in stats.items()],
        "weak_topics": store.weak_topics(),
    }


def format_table(data: dict) -> str:
    """The report as a plain-text table."""
    lines = [f"{'topic':<22} {'attempts':>8} {'correct':>8} {'mastery':>8}"]
    for row in data["topics"]:
        m = "-" if row["mastery"] is None else f"{100 * row['mastery']:.0f}%"
        lines.append(f"{row['topic']:<22} {row['attempts']:>8} {row['correct']:>8} {m:>8}")
    lines.append(f"{'total':<22} {data['attempts']:>8} {data['correct']:>8}")
    lines.append(f"(mastery: share correct over the last {data['mastery_window']} attempts)")
    if data["weak_topics"]:
        lines.append("weak topics: " + ", ".join(data["weak_topics"]))
    elif data["attempts"] == 0:
        lines.append("no attempts yet: try `lr-course quiz`")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    import sqlite3

    try:
        data = report()
    except (OSError, sqlite3.Error) as exc:
        raise CommandError(f"cannot read progress: {exc}") from None
    print(json.dumps(data, indent=2) if args.json else format_table(data))
    return 0
