"""identify: course metadata first, then the file name; anything unreadable is a SubmissionError."""

from pathlib import Path

import pytest

from course_utils.grading.identify import SubmissionError, cell_source, identify, read_notebook


def meta(stem):
    return {"cells": [], "metadata": {"course": {"notebook": stem, "copy": "student"}}}


def test_metadata_wins_over_the_file_name():
    assert identify(meta("07_warmup_cosine"), Path("04_cosine_annealing.ipynb")) == \
        "07_warmup_cosine"


@pytest.mark.parametrize("name", ["04_cosine_annealing.ipynb", "alice-04_cosine_annealing.ipynb",
                                  "04_cosine_annealing (1).ipynb"])
def test_file_name_fallback(name):
    assert identify({"cells": [], "metadata": {}}, Path(name)) == "04_cosine_annealing"


@pytest.mark.parametrize("data, name", [
    ({"cells": []}, "homework.ipynb"),
    (meta("99_unknown"), "04_cosine_annealing.ipynb"),
    ({"cells": [], "metadata": {"course": "04_cosine_annealing"}}, "x.ipynb"),
])
def test_unknown_notebook(data, name):
    with pytest.raises(SubmissionError, match="unknown notebook"):
        identify(data, Path(name))


@pytest.mark.parametrize("content, match", [
    (b"", "empty"), (b"   \n", "empty"), (b"{not json", "invalid JSON"),
    (b"[1, 2]", "no list of cells"), (b'{"cells": 3}', "no list of cells"),
    (b"\xff\xfe\x00", "invalid JSON"),
])
def test_unreadable_files(tmp_path, content, match):
    path = tmp_path / "x.ipynb"
    path.write_bytes(content)
    with pytest.raises(SubmissionError, match=match):
        read_notebook(path)


def test_a_directory_is_not_a_notebook(tmp_path):
    with pytest.raises(SubmissionError, match="cannot read"):
        read_notebook(tmp_path)


def test_cell_source_forms():
    assert cell_source({"source": ["a\n", "b"]}) == "a\nb"
    assert cell_source({"source": "a"}) == "a"
    assert cell_source({"source": None}) == ""
    assert cell_source("not a cell") == ""
