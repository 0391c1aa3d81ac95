"""What every lr-course subcommand shares: its two kinds of error, and its number arguments.

A subcommand's run(args) raises UsageError (exit 2) or CommandError (exit 1); cli.main prints
either as `lr-course COMMAND: error: ...`, as argparse prints its own usage errors.
"""

import argparse


class UsageError(Exception):
    """The command line asks for something that cannot be: no such file, a bad option. Exit 2."""


class CommandError(Exception):
    """The command could not do its work (a broken notebook, an unreadable database). Exit 1."""


def positive(kind: type = int, maximum: float | None = None):
    """An argparse type: a number of `kind` that is > 0 (and <= maximum, when given)."""

    def parse(text: str):
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a {kind.__name__}: {text!r}") from None
        if not value > 0:
            raise argparse.ArgumentTypeError(f"must be > 0, got {text}")
        if maximum is not None and value > maximum:
            raise argparse.ArgumentTypeError(f"must be <= {maximum:g}, got {text}")
        return value

    return parse


def warn(args: argparse.Namespace, message: str) -> None:
    """`lr-course COMMAND: warning: message` on stderr."""
    import sys

    print(f"{getattr(args, 'prog', 'lr-course')}: warning: {message}", file=sys.stderr)
