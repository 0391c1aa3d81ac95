"""extract keeps the learner's definitions and imports, and nothing that runs a demo."""

import pytest

from course_utils.grading.extract import extract, strip_magics


def cells(*sources, kinds=None):
    return [{"cell_type": "code", "source": s} for s in sources]


def sources(found, names) -> str:
    return "\n".join(source for _, source in found.program(names))


def test_only_definitions_imports_and_plain_assignments_are_kept():
    found = extract(cells(
        "import math\nimport matplotlib.pyplot as plt\nfrom course_utils import check",
        "plt.plot([1, 2])\nmodel = make_model()\nfor i in range(3):\n    train()",
        "TOTAL = 1000\nHALF = TOTAL / 2\nSCALE = -math.pi\nf = lambda x: x\nx = [0] * 10",
        "def cosine_lr(step, total_steps):\n    return math.cos(step / TOTAL) * HALF",
        'check("cosine_lr", cosine_lr)\nimport sys\nsys.exit(0)\nmath.cos = lambda x: 1.0',
    ))
    kept = [s.source for s in found.statements]
    assert "plt.plot([1, 2])" not in kept and "model = make_model()" not in kept
    assert not any("check(" in s or "exit" in s or "math.cos =" in s for s in kept)
    assert "TOTAL = 1000" in kept and "f = lambda x: x" in kept and "x = [0] * 10" in kept


def test_program_keeps_only_what_the_exercise_needs():
    found = extract(cells(
        "import math\nimport matplotlib.pyplot as plt\nimport numpy as np\nfrom os import *",
        "TOTAL = 1000\nOTHER = 5",
        "def helper(x):\n    return math.sqrt(x) / TOTAL",
        "def cosine_lr(step, total_steps):\n    return helper(step)",
        "def unrelated():\n    return np.zeros(3)",
    ))
    program = sources(found, ["cosine_lr"])
    for needed in ("import math", "TOTAL = 1000", "def helper", "def cosine_lr",
                   "from os import *"):
        assert needed in program
    for unneeded in ("matplotlib", "numpy", "OTHER", "unrelated"):
        assert unneeded not in program


def test_notebook_order_and_redefinition_are_kept():
    found = extract(cells("def cosine_lr(s, t):\n    return 1", "x = 1",
                          "def cosine_lr(s, t):\n    return 2"))
    program = found.program(["cosine_lr"])
    assert [cell for cell, _ in program] == [1, 3]


@pytest.mark.parametrize("source", [
    "def cosine_lr(s, t):\n    return 1",
    "async def cosine_lr(s, t):\n    return 1",
    "class cosine_lr:\n    pass",
    "cosine_lr = other_function",
    "from mylib import cosine_lr",
    "try:\n    from fast import cosine_lr\nexcept ImportError:\n    pass",
    "@decorator\ndef cosine_lr(s, t):\n    return 1",
])
def test_ways_of_defining_a_name(source):
    assert extract(cells(source)).defines("cosine_lr")


@pytest.mark.parametrize("source", [
    "cosine_lr = make_function()",
    "if True:\n    def cosine_lr(s, t):\n        return 1",
    "obj.cosine_lr = 1",
    "def cosine_learning_rate(s, t):\n    return 1",
    "# def cosine_lr(s, t):",
])
def test_not_a_definition(source):
    assert not extract(cells(source)).defines("cosine_lr")


def test_names_set_by_code_not_run_are_remembered():
    found = extract(cells("x = 1", "TABLE = make_table()\nA, B = f()", "TABLE = 3"))
    assert found.not_run == {"TABLE": 2, "A": 2, "B": 2}


def test_magics_and_shell_lines_are_dropped():
    found = extract(cells(
        "%matplotlib inline\n!pip install x\ndef cosine_lr(s, t):\n    %time y = 1\n    return 1",
        "%%time\nTOTAL = 3", "%%bash\necho hi", "cosine_lr?",
    ))
    assert found.defines("cosine_lr") and found.defines("TOTAL")
    assert found.syntax_errors == {}


def test_strip_magics_keeps_lines_and_indentation():
    assert strip_magics("a = 1\n  %time f()\n!ls") == "a = 1\n  pass\npass"
    assert strip_magics("%%writefile x.py\nprint(1)") is None


def test_syntax_error_is_reported_for_the_exercise_in_that_cell():
    found = extract([{"cell_type": "markdown", "source": "# title"}, *cells(
        "x = 1", "def cosine_lr(step, total_steps)\n    return 1", "def other(:\n    pass")])
    assert not found.defines("cosine_lr")
    message = found.syntax_error_for("cosine_lr")
    assert message.startswith("syntax error in cell 3: line 1")
    assert found.syntax_error_for("warmup_cosine_schedule") is None
    assert set(found.syntax_errors) == {3, 4}


def test_a_copy_in_a_good_cell_wins_over_a_broken_one():
    found = extract(cells("def cosine_lr(s, t)\n    return 1",
                          "def cosine_lr(s, t):\n    return 1"))
    assert found.defines("cosine_lr")


def test_source_as_list_of_lines_and_odd_cells():
    found = extract([{"cell_type": "code", "source": ["def cosine_lr(s, t):\n", "    return 1"]},
                     "not a cell", {"cell_type": "code"}, {"cell_type": "code", "source": 3}])
    assert found.defines("cosine_lr")
