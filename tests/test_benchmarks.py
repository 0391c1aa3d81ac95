"""The benchmark harness: verdicts, the table, and one broken benchmark not hiding the others."""

import importlib
import types

import pytest

import benchmarks
from benchmarks import BENCHMARKS, Result, format_table
from benchmarks import __main__ as bench_main


@pytest.mark.parametrize(
    ("ours", "baseline", "goal", "verdict"),
    [(1.0, 4.0, 0.5, "MET"), (3.0, 4.0, 0.5, "MISSED"), (None, 4.0, 0.5, "SKIPPED"),
     (1.0, 0.0, 0.5, "SKIPPED"), (1.0, 2.0, None, "-")],
)
def test_verdicts(ours, baseline, goal, verdict):
    assert Result("x", ours, baseline, goal_ratio=goal).verdict == verdict


def test_failed_measurement_is_an_error_row():
    assert Result("x", 1.0, 2.0, goal_ratio=1, failed=True).verdict == "ERROR"


def test_table_has_ratio_and_goal():
    table = format_table([Result("grade 100", 20.0, 400.0, "s", 0.1, note="n=100")])
    header, rule, row = table.splitlines()
    assert header.split()[:7] == ["benchmark", "ours", "baseline", "unit", "ratio", "goal",
                                  "verdict"]
    assert set(rule) == {"-"}
    assert "0.050" in row and "<= 0.1" in row and "MET" in row and row.endswith("n=100")


def test_every_registered_benchmark_exposes_run():
    for name in BENCHMARKS:
        module = importlib.import_module(name)
        assert callable(module.run), name


def test_a_broken_benchmark_becomes_an_error_row(monkeypatch, capsys):
    good = types.SimpleNamespace(run=lambda options: [Result("good", 1.0, 2.0, goal_ratio=1)])

    def explode(options):
        raise RuntimeError("boom")

    bad = types.SimpleNamespace(run=explode)
    modules = {"benchmarks.good": good, "benchmarks.bad": bad}
    monkeypatch.setattr(bench_main, "BENCHMARKS", list(modules))
    monkeypatch.setattr(benchmarks, "BENCHMARKS", list(modules))
    monkeypatch.setattr(bench_main.importlib, "import_module", modules.__getitem__)
    assert bench_main.main([]) == 1
    out = capsys.readouterr().out
    assert "good" in out and "MET" in out
    assert "ERROR" in out and "RuntimeError: boom" in out


def test_floor_imports_what_the_notebook_imports():
    import nbformat

    from benchmarks.notebook_time import FLOOR_SOURCE, floor_notebook

    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("import nothing"),
        nbformat.v4.new_code_cell("import sklearn\nfrom course_utils import training\nx = 1"),
        nbformat.v4.new_code_cell("if True:\n    import indented_is_not_top_level\nimport sklearn"),
        nbformat.v4.new_code_cell("from course_utils import (\n    check,\n    hint,\n)\n"
                                  "%time x = 1"),
    ])
    source = floor_notebook(notebook).cells[0].source
    assert source.startswith(FLOOR_SOURCE)
    assert source[len(FLOOR_SOURCE):] == ("import sklearn\nfrom course_utils import training\n"
                                          "from course_utils import check, hint\n")
