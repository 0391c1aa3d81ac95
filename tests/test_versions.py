"""show_versions prints every package the notebooks rely on."""

from course_utils.versions import show_versions, versions


def test_versions_include_torch_and_mark_missing_packages():
    found = versions(("torch", "surely-not-a-package"))
    assert found["torch"].startswith("2.13.0")
    assert found["surely-not-a-package"] == "not installed"


def test_show_versions_prints_one_line(capsys):
    show_versions()
    out = capsys.readouterr().out
    assert out.count("\n") == 1
    assert "torch 2.13.0" in out and "python 3.11" in out
