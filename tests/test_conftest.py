"""The work units `make test` hands to each pytest-xdist worker (tests/conftest.py)."""

from tests.conftest import work_unit


def test_a_notebooks_cells_are_one_unit():
    assert work_unit("solutions/04_cosine_annealing.ipynb::Cell 3") == \
        work_unit("solutions/04_cosine_annealing.ipynb::Cell 17") == \
        "solutions/04_cosine_annealing.ipynb"


def test_a_files_tests_are_one_unit():
    assert work_unit("tests/test_course.py::test_a[x]") == "tests/test_course.py"
    assert work_unit("tests/browser/test_notebooks_in_lab.py::test_b") == \
        "tests/browser/test_notebooks_in_lab.py"


def test_the_grading_tests_that_watch_the_machine_share_one_worker():
    units = {work_unit(f"tests/{name}::test_x") for name in (
        "test_grading_corpus.py", "test_grading_hostile.py", "test_grading_worker.py")}
    assert units == {"tests/test_grading_*.py"}
    assert work_unit("tests/test_grade_helpers.py::t") == "tests/test_grade_helpers.py"
