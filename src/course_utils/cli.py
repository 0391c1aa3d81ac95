"""The `lr-course` command: one subcommand per module, dispatched here."""

import argparse
import importlib
import os
import sys

# subcommand -> (module providing add_arguments(parser) and run(args) -> int, help)
SUBCOMMANDS = {
    "lab": ("course_utils.lab", "open JupyterLab on the course notebooks"),
    "build-notebooks": ("course_utils.notebook_build", "generate notebooks/ from solutions/"),
    "grade": ("course_utils.grading.cli", "grade learners' submitted notebooks"),
    "quiz": ("course_utils.rehearsal.quiz_cli", "drill interview questions in the terminal"),
    "anki": ("course_utils.rehearsal.anki", "export the question bank as an Anki deck"),
    "progress": ("course_utils.rehearsal.progress_cli", "show mastery per topic"),
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="lr-course", description=__doc__)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, (module_name, help_text) in SUBCOMMANDS.items():
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name and module_name.startswith(exc.name):
                continue  # that part of the course is not installed yet
            raise
        sub_parser = sub.add_parser(name, help=help_text, description=help_text)
        module.add_arguments(sub_parser)
        sub_parser.set_defaults(run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except BrokenPipeError:  # `lr-course progress --json | head`: the reader left, not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
