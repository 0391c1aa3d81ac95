"""report: the one-line reasons, the table, JSON contract, CSV columns and feedback files."""

import csv
import json

from course_utils.grading.grade import ExerciseResult, SubmissionResult
from course_utils.grading.report import (
    feedback,
    note_counts,
    reason,
    table,
    to_json,
    write_csv,
    write_feedback,
)

FAILED = ("cosine_lr: wrong for 6 of 51 inputs. First:\n  cosine_lr(step=1001, total_steps=1000)"
          "\n  expected 1e-06 (torch), got 1.0024e-06\nLikely mistake: past total_steps your lr "
          "rises again: clamp.")


def results():
    return [
        SubmissionResult("a/alice.ipynb", "04_cosine_annealing", None, [
            ExerciseResult("cosine_lr", "failed", 0, 10, FAILED, "no_clamp")], seed=7),
        SubmissionResult("b/bob.ipynb", "07_warmup_cosine", None, [
            ExerciseResult("warmup_cosine_schedule", "passed", 10, 10, "passed. All ok."),
            ExerciseResult("get_warmup_cosine_scheduler", "timeout", 0, 10,
                           "get_warmup_cosine_scheduler: no answer within 3 s (an endless "
                           "loop?), on input:\n  ...")]),
        SubmissionResult("c/alice.ipynb", None, "empty file, not a notebook"),
    ]


def test_reason_prefers_the_named_mistake_then_the_detail():
    assert reason(FAILED) == "Likely mistake: past total_steps your lr rises again: clamp."
    assert reason("x: wrong for 1 of 2 inputs. First:\n  x(1)\n  returned None: return it") == \
        "returned None: return it"
    assert reason("x: no answer within 3 s, on input:\n  x(1)") == "no answer within 3 s, on input:"
    assert len(reason("x: " + "long " * 100)) <= 90


def test_table_has_a_line_per_exercise_and_errors():
    text = table(results(), "namespaces")
    assert "a/alice.ipynb  [04_cosine_annealing]  0/10  (isolation: namespaces)" in text
    assert "c/alice.ipynb  0/0  (isolation: namespaces)" in text  # every row says it
    assert "timeout" in text and "ERROR  empty file" in text
    assert text.splitlines()[-1].startswith("3 submission(s) graded; 1 with errors")
    assert text.splitlines()[-1].endswith("; isolation: namespaces.")


def test_json_is_exactly_the_contract():
    data = json.loads(to_json(results(), "process"))
    assert list(data) == ["isolation", "submissions"]  # "isolation": an addition (DESIGN.md)
    assert data["isolation"] == "process"
    for sub in data["submissions"]:
        assert list(sub) == ["path", "score", "max_score", "error", "exercises"]
        for ex in sub["exercises"]:
            assert list(ex) == ["name", "status", "points", "max_points", "message"]
    assert [s["score"] for s in data["submissions"]] == [0, 10, 0]
    assert data["submissions"][2]["error"] == "empty file, not a notebook"


def test_csv_has_a_column_per_exercise_and_a_total(tmp_path):
    write_csv(results(), tmp_path / "grades.csv")
    rows = list(csv.reader((tmp_path / "grades.csv").open()))
    assert rows[0] == ["path", "notebook", "cosine_lr", "warmup_cosine_schedule",
                       "get_warmup_cosine_scheduler", "total", "max_score", "error"]
    assert rows[1][2:7] == ["0", "", "", "0", "10"]
    assert rows[2][2:7] == ["", "10", "0", "10", "20"]
    assert rows[3][-1] == "empty file, not a notebook"


def test_feedback_files_are_one_per_submission_with_unique_names(tmp_path):
    written = write_feedback(results(), tmp_path / "feedback")
    assert [p.relative_to(tmp_path / "feedback").as_posix() for p in written] == [
        "a/alice.md", "b/bob.md", "c/alice.md"]
    text = (tmp_path / "feedback" / "a" / "alice.md").read_text()
    assert FAILED in text and 'hint("cosine_lr")' in text and "seed=7" in text
    assert text.startswith("# Feedback: a/alice.ipynb\n")


def test_feedback_mirrors_the_submission_tree(tmp_path):
    """Two learners hand in the same notebook name: each file says whose it is."""
    class_dir = tmp_path / "class"
    paths = [class_dir / who / "04_cosine_annealing.ipynb" for who in ("alice", "carol")]
    for path in paths:
        path.parent.mkdir(parents=True)
        path.write_text("{}")
    rows = [SubmissionResult(str(p), "04_cosine_annealing", None, []) for p in paths]
    rows.append(SubmissionResult(str(class_dir / "carol" / "04_cosine_annealing.txt")))
    written = write_feedback(rows, tmp_path / "feedback", roots=[class_dir])
    assert [p.relative_to(tmp_path / "feedback").as_posix() for p in written] == [
        "alice/04_cosine_annealing.md", "carol/04_cosine_annealing.md",
        "carol/04_cosine_annealing-2.md"]
    for path, row in zip(written, rows, strict=True):
        assert path.read_text().splitlines()[0] == f"# Feedback: {row.path}"
    # files given one by one: below the folder they share
    one_by_one = write_feedback(rows[:2], tmp_path / "again", roots=paths)
    assert [p.relative_to(tmp_path / "again").as_posix() for p in one_by_one] == [
        "alice/04_cosine_annealing.md", "carol/04_cosine_annealing.md"]


def test_feedback_never_overwrites_a_submission(tmp_path):
    submission = tmp_path / "alice.md"
    submission.write_text("a learner's file")
    row = SubmissionResult(str(submission), None, "not a notebook")
    written = write_feedback([row], tmp_path, roots=[tmp_path], protected=[submission])
    assert [p.name for p in written] == ["alice-feedback.md"]
    assert submission.read_text() == "a learner's file"


def test_feedback_shows_the_full_message_and_the_error():
    text = feedback(results()[2])
    assert "could not be graded" in text


def test_what_the_sandbox_could_not_apply_shows_in_the_row_not_in_the_json():
    rows = results()
    note = "the memory limit was not applied (not allowed here)"
    rows[0].notes = [note]
    rows[1].notes = [note]
    assert f"  NOTE   {note}" in table(rows, "process").splitlines()
    assert note_counts(rows) == {note: 2}
    assert "notes" not in json.loads(to_json(rows, "process"))["submissions"][0]  # fixed
