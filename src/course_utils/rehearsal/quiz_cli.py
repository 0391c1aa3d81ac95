"""`lr-course quiz`: bank and freshly generated questions in the terminal, progress recorded."""

import argparse
import sys
import time

from course_utils.cli_args import positive, warn
from course_utils.rehearsal.bank import TOPICS, judge_response, parse_response, plain_text

QUIT_WORDS = ("q", "quit", "exit")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--topic",
        choices=TOPICS,
        metavar="TOPIC",
        help="only this notebook's questions: " + ", ".join(TOPICS),
    )
    parser.add_argument(
        "--questions",
        type=positive(int),
        default=10,
        metavar="N",
        help="number of questions (default 10)",
    )
    parser.add_argument(
        "--seed",
        type=int,
        default=None,
        metavar="S",
        help="seed for choosing and generating questions (default: random)",
    )
    parser.add_argument("--no-record", action="store_true", help="do not save progress")


def _show(q: dict, number: int, total: int, out) -> str:
    """Print the question; return the prompt to show."""
    print(f"\nQuestion {number}/{total}  [{q['topic']}]", file=out)
    print(plain_text(q["question"]), file=out)
    if q["type"] == "multiple_choice":
        for i, a in enumerate(q["answers"], start=1):
            print(f"  {i}. {plain_text(a['answer'])}", file=out)
        return f"Your answer (1-{len(q['answers'])}, q to quit): "
    return "Your answer (a number, q to quit): "


def _ask(q: dict, prompt: str, stdin, out):
    """The parsed response, or None at end of input or when the learner quits."""
    while True:
        print(prompt, end="", file=out, flush=True)
        line = stdin.readline()
        if not line:
            print("\n(end of input)", file=out)
            return None
        if not _is_tty(stdin):
            print(line.rstrip("\n"), file=out)  # echo piped answers so the transcript reads well
        if line.strip().lower() in QUIT_WORDS:
            return None
        try:
            return parse_response(q, line)
        except ValueError as exc:
            print(f"  Invalid answer: {exc}.", file=out)


def _is_tty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def run_quiz(questions: list[dict], stdin, out, record=None) -> dict:
    """Ask each question, print feedback and explanation, call record(q, correct, seconds)."""
    answered = correct = 0
    for number, q in enumerate(questions, start=1):
        prompt = _show(q, number, len(questions), out)
        start = time.monotonic()
        response = _ask(q, prompt, stdin, out)
        if response is None:
            break
        verdict = judge_response(q, response)
        answered += 1
        correct += verdict.correct
        print(
            ("Correct. " if verdict.correct else "Wrong. ") + plain_text(verdict.feedback), file=out
        )
        if not verdict.correct:
            print(f"Answer: {plain_text(verdict.expected)}", file=out)
        print(f"Why: {plain_text(q['explanation'])}", file=out)
        if record is not None:
            record(q, verdict.correct, time.monotonic() - start)
    print(
        f"\nDone: {correct} correct out of {answered} answered ({len(questions)} asked).", file=out
    )
    return {"asked": len(questions), "answered": answered, "correct": correct}


def _recorder(args):
    """record(q, correct, seconds) that saves to the progress store, warning once on failure."""
    from course_utils.rehearsal import store

    failed = []

    def record(q, correct, seconds):
        if failed:
            return
        try:
            store.record_attempt(q["id"], q["topic"], correct, source="terminal", seconds=seconds)
        except Exception as exc:  # progress is a convenience: never lose the quiz over it
            failed.append(exc)
            warn(args, f"progress not saved ({exc})")

    return record


def run(args: argparse.Namespace) -> int:
    from course_utils.rehearsal.selection import pick_questions

    questions = pick_questions(args.questions, seed=args.seed, topic=args.topic)
    record = None if args.no_record else _recorder(args)
    try:
        run_quiz(questions, sys.stdin, sys.stdout, record)
    except KeyboardInterrupt:
        print("\nInterrupted.", file=sys.stdout)
        return 130
    if not args.no_record:
        from course_utils.rehearsal.store import db_path

        print(f"Progress: `lr-course progress` (kept in {db_path()}).")
    return 0
