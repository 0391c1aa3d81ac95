"""The work units `make test` hands to each pytest-xdist worker (tests/conftest.py)."""

from tests.conftest import work_unit


def test_a_notebooks_cells_are_one_unit():
    assert work_unit("solutions/04_cosine_annealing.ipynb::Cell 3") == \
        work_unit("solutions/04_cosine_annealing.ipynb::Cell 17") == \
        "solutions/04_cosine_annealing.ipynb"


def test_a_files_tests_are_one_unit():
    assert work_unit("tests/test_course.py::test_a[x]") == "tests/test_course.py"
    assert work_unit("tests/test_checks.py::test_b[cosine_lr/ok]") == "tests/test_checks.py"


def test_notebook_runs_spread_over_the_workers():
    lab = "tests/browser/test_notebooks_in_lab.py::test_course_notebook_runs_in_lab"
    assert work_unit(f"{lab}[solutions/04.ipynb]") != work_unit(f"{lab}[notebooks/04.ipynb]")
    papermill = "tests/test_notebooks.py::test_student_notebook_runs[04_cosine_annealing]"
    assert work_unit(papermill) == papermill


def test_the_grading_tests_that_watch_the_machine_share_one_worker():
    units = {work_unit(f"tests/{name}::test_x") for name in (
        "test_grading_corpus.py", "test_grading_hostile.py", "test_grading_worker.py")}
    assert units == {"tests/test_grading_*.py"}
    assert work_unit("tests/test_grade_helpers.py::t") == "tests/test_grade_helpers.py"
