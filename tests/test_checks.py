"""run_check against the corpus of wrong and correct implementations, and its edge behaviour."""

import math
import random
import time
from pathlib import Path

import pytest

from course_utils import checks, verdict
from course_utils.checks import run_check
from course_utils.exercises import EXERCISES, Outcome
from course_utils.verdict import judge
from tests.corpus_loader import entries

CORPUS = entries()


# The random inputs change the diagnosis's evidence: each corpus file is checked on these seeds.
# The verdict never changes; the diagnosis is never another mistake than the expected one, and it
# names the expected one on most seeds (a learner who has two bugs may match neither well).
CORPUS_SEEDS = range(5)


@pytest.mark.parametrize("entry", CORPUS, ids=lambda e: f"{e.exercise}/{e.path.stem}")
def test_corpus_verdict_and_diagnosis(entry):
    results = [run_check(entry.exercise, entry.load(), seed=seed) for seed in CORPUS_SEEDS]
    for result in results:
        assert result.status == entry.status, result.message
        assert result.passed == (entry.status == "passed")
        assert result.mistake in (entry.mistake, None), result.message
        if entry.status in ("failed", "error"):
            assert entry.exercise in result.message
            assert "First:" in result.message  # names the first failing input
    named = sum(result.mistake == entry.mistake for result in results)
    assert named > len(results) / 2, "\n\n".join(r.message for r in results)


def test_corpus_covers_every_exercise_and_status():
    exercises = {e.exercise for e in CORPUS}
    assert exercises == set(EXERCISES)
    for name in EXERCISES:
        statuses = {e.status for e in CORPUS if e.exercise == name}
        assert {"passed", "failed", "not_attempted"} <= statuses, name


def test_failure_message_content():
    exercise = EXERCISES["cosine_lr"]
    no_clamp = next(m for m in exercise.mistakes if m.key == "no_clamp")
    message = run_check("cosine_lr", no_clamp.implementation).message
    assert "cosine_lr(step=1001, total_steps=1000)" in message
    assert "expected 1e-06 (the course's clamp: min_lr from total_steps on; torch's periodic " \
           "cosine gives 1.00246" in message
    assert "clamp" in message


def test_the_readme_shows_a_real_message():
    """README, "Exercises, checks, hints": a learner who forgot the clamp, checked with seed 0."""
    readme = (Path(__file__).parents[1] / "README.md").read_text()
    no_clamp = next(m for m in EXERCISES["cosine_lr"].mistakes if m.key == "no_clamp")
    message = run_check("cosine_lr", no_clamp.implementation, seed=0).message
    assert f"```\n{message}\n```" in readme


def test_expected_values_name_their_source():
    """torch, unless the course departs from it: the clamp, and lr 0 at step 0 of a warmup."""
    warmup = EXERCISES["warmup_cosine_schedule"]
    plus_one = next(m for m in warmup.mistakes if m.key == "warmup_starts_at_step_plus_one")
    message = run_check("warmup_cosine_schedule", plus_one.implementation, seed=0).message
    assert "expected 0 (the course's rule: lr 0 at step 0 of a warmup), got 6e-07" in message
    late = next(m for m in EXERCISES["cosine_lr"].mistakes if m.key == "progress_one_step_ahead")
    assert "(torch), got" in run_check("cosine_lr", late.implementation, seed=0).message
    scheduler = EXERCISES["get_warmup_cosine_scheduler"]
    no_clamp = next(m for m in scheduler.mistakes if m.key == "no_clamp")
    message = run_check("get_warmup_cosine_scheduler", no_clamp.implementation, seed=0).message
    assert "group 0's lr after 101 steps: expected 0 (the course's clamp" in message


def test_random_inputs_change_between_runs_so_a_table_cannot_pass():
    exercise = EXERCISES["cosine_lr"]
    first = exercise.random_cases(random.Random(1))
    second = exercise.random_cases(random.Random(2))
    assert [c.args for c in first] != [c.args for c in second]
    # a learner who memorised the expected values of one run fails the next one
    cases = exercise.cases(random.Random(1))
    table = {c.args: v for c, v in zip(cases, exercise.expected(cases), strict=True)}

    def memorised(*args):
        return table.get(args, 0.0)

    assert run_check("cosine_lr", memorised, seed=1).passed
    assert not run_check("cosine_lr", memorised, seed=2).passed


def test_seeds_are_fresh_and_reported_for_random_failures():
    seeds = {run_check("cosine_lr", EXERCISES["cosine_lr"].solution).seed for _ in range(3)}
    assert len(seeds) == 3

    def wrong_only_on_random(step, total_steps, max_lr=1e-3, min_lr=1e-6):
        if total_steps in (1, 4, 10, 100, 1000):
            return EXERCISES["cosine_lr"].solution(step, total_steps, max_lr, min_lr)
        return 0.5

    result = run_check("cosine_lr", wrong_only_on_random, seed=7)
    assert "seed 7" in result.message


@pytest.mark.parametrize("value", [None, math.nan, "0.001", [0.001], (0.001,), True, {}])
def test_non_numbers_fail_clearly(value):
    result = run_check("cosine_lr", lambda *args: value)
    assert result.status == "failed"
    assert "returned" in result.message


def test_not_a_function():
    result = run_check("cosine_lr", 0.001)
    assert result.status == "failed"
    assert "expected a function" in result.message


def test_unknown_exercise_is_an_authoring_error():
    with pytest.raises(KeyError, match="no exercise named"):
        run_check("cosine_rl", lambda *a: 0.0)


def test_learner_printing_is_swallowed(capsys):
    def chatty(step, total_steps, max_lr=1e-3, min_lr=1e-6):
        print("lr is", step)
        return EXERCISES["cosine_lr"].solution(step, total_steps, max_lr, min_lr)

    assert run_check("cosine_lr", chatty).passed
    assert capsys.readouterr().out == ""


def test_endless_loop_is_stopped(monkeypatch):
    monkeypatch.setattr(checks, "CHECK_TIME_LIMIT", 1)

    def endless(step, total_steps, max_lr=1e-3, min_lr=1e-6):
        while True:
            time.sleep(0.01)

    result = run_check("cosine_lr", endless)
    assert result.status == "error"
    assert "endless loop" in result.message


def test_learner_that_catches_everything_still_times_out(monkeypatch):
    monkeypatch.setattr(checks, "CHECK_TIME_LIMIT", 1)

    def stubborn(step, total_steps, max_lr=1e-3, min_lr=1e-6):
        while True:
            try:  # noqa: SIM105  (learner code that swallows everything)
                time.sleep(0.01)
            except Exception:
                pass

    assert run_check("cosine_lr", stubborn).status == "error"


def test_judge_accepts_outcomes_from_another_process():
    exercise = EXERCISES["cosine_lr"]
    cases = exercise.cases(random.Random(3))
    values = exercise.expected(cases)
    outcomes = [Outcome.from_json(Outcome("value", v).to_json()) for v in values]
    assert judge(exercise, cases, outcomes).passed
    outcomes[4] = Outcome("exception", error_type="ZeroDivisionError", error="division by zero")
    result = judge(exercise, cases, outcomes)
    assert result.status == "error"
    assert "ZeroDivisionError" in result.message


def test_outcome_from_json_rejects_unknown_kinds():
    with pytest.raises(ValueError):
        Outcome.from_json({"kind": "passed"})


def test_tolerance_is_relative_to_the_schedule_scale():
    assert verdict.close(1.0, 1.0 + 5e-7, scale=1.0)
    assert not verdict.close(1e-6, 2e-6, scale=1e-3)  # round(x, 2) style answers fail
    assert not verdict.close(0.0, 1e-6, scale=0.1)


@pytest.mark.parametrize("name, oracle", [("noam_lr", "transformers"), ("wsd_lr", "transformers"),
                                          ("smoothed_losses", "its closed form"),
                                          ("cosine_lr", "torch")])
def test_messages_name_the_oracle_that_computed_the_expected_values(name, oracle):
    """transformers' schedule functions check noam_lr and wsd_lr: a pass and a failure say so."""
    exercise = EXERCISES[name]
    assert f"It agrees with {oracle}" in run_check(name, exercise.solution, seed=0).message
    if exercise.expected_source is None:
        results = (run_check(name, m.implementation, seed=0) for m in exercise.mistakes)
        failed = next(r for r in results if r.status == "failed")
        assert f"({oracle}), got" in failed.message
