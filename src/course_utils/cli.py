"""The `lr-course` command: one subcommand per module, dispatched here."""

import argparse
import importlib
import os
import sys

from course_utils import __version__
from course_utils.cli_args import CommandError, UsageError

# subcommand -> (module providing add_arguments(parser) and run(args) -> int, help)
SUBCOMMANDS = {
    "lab": ("course_utils.lab", "open JupyterLab on the course notebooks"),
    "quiz": ("course_utils.rehearsal.quiz_cli", "drill interview questions in the terminal"),
    "progress": ("course_utils.rehearsal.progress_cli", "show mastery per topic"),
    "anki": ("course_utils.rehearsal.anki", "export the question bank as an Anki deck"),
    "grade": ("course_utils.grading.cli", "grade learners' submitted notebooks"),
    "build-notebooks": ("course_utils.notebook_build", "generate notebooks/ from solutions/"),
}
DESCRIPTION = ("Learning-rate schedulers for deep-learning interviews: study the notebooks,\n"
               "rehearse your answers, grade a class.")
EXAMPLES = """\
examples:
  lr-course lab                                    open the course in JupyterLab
  lr-course quiz --topic 04_cosine_annealing       ten questions on one notebook
  lr-course progress                               what you master, notebook by notebook
  lr-course anki --out lr_course.apkg              the question bank as an Anki deck
  lr-course grade submissions/ --csv grades.csv    grade every notebook in a folder
  lr-course build-notebooks --check                (maintainers) is notebooks/ up to date?

`lr-course COMMAND --help` lists a command's options."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="lr-course", description=DESCRIPTION, epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True,
                                title="commands")
    for name, (module_name, help_text) in SUBCOMMANDS.items():
        module = importlib.import_module(module_name)
        sub_parser = sub.add_parser(name, help=help_text, description=help_text)
        module.add_arguments(sub_parser)
        sub_parser.set_defaults(run=module.run, prog=sub_parser.prog)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except UsageError as exc:
        print(f"{args.prog}: error: {exc}", file=sys.stderr)
        return 2
    except CommandError as exc:
        print(f"{args.prog}: error: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # `lr-course progress --json | head`: the reader left, not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
