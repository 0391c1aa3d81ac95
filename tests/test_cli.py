"""The lr-course dispatcher: every subcommand is wired, and a closed pipe is not a crash."""

import os
import subprocess
import sys

from course_utils.cli import SUBCOMMANDS, build_parser


def test_every_subcommand_is_registered():
    parser = build_parser()
    choices = parser._subparsers._group_actions[0].choices
    assert set(choices) == set(SUBCOMMANDS)


def test_closed_pipe_ends_quietly(tmp_path):
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before anything is written (`... | head`)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "course_utils.cli", "progress", "--json"], stdout=write_end,
            stderr=subprocess.PIPE, text=True, timeout=120,
            env={**os.environ, "LR_COURSE_DATA": str(tmp_path)},
        )
    finally:
        os.close(write_end)
    assert "Traceback" not in done.stderr
    assert done.returncode == 0
