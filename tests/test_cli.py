"""The lr-course dispatcher: subcommands, --version, help with examples, one error style."""

import os
import subprocess
import sys

import pytest

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


def test_version_comes_from_the_distribution(capsys):
    import course_utils
    from course_utils.cli import main

    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out.strip() == f"lr-course {course_utils.__version__}"


def test_top_level_help_shows_what_a_user_can_do(capsys):
    from course_utils.cli import main

    with pytest.raises(SystemExit):
        main(["--help"])
    text = capsys.readouterr().out
    assert "examples:" in text and "lr-course quiz --topic" in text
    for name in SUBCOMMANDS:
        assert f"lr-course {name}" in text or f"  {name}" in text


@pytest.mark.parametrize("argv", [
    ["build-notebooks", "--solutions", "/no/such/folder", "--notebooks", "/tmp"],
    ["anki", "--out", "deck.txt"],
    ["grade", "/no/such/file.ipynb"],
])
def test_usage_errors_exit_2_with_one_prefix(argv, capsys):
    from course_utils.cli import main

    assert main(argv) == 2
    assert capsys.readouterr().err.startswith(f"lr-course {argv[0]}: error: ")
