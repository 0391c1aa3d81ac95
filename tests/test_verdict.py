"""diagnose: a known mistake is named only when it explains the learner's answers."""

import math
import random
from collections import OrderedDict

from course_utils import verdict
from course_utils.checks import run_check
from course_utils.exercises import EXERCISES
from course_utils.verdict import diagnose, explain, known_outcomes


def _cosine(step, total_steps, max_lr, min_lr):
    return min_lr + (max_lr - min_lr) * (1 + math.cos(math.pi * step / total_steps)) / 2


def test_agreeing_on_the_first_wrong_answer_is_not_enough():
    """A clamp one step early is wrong only at step total_steps - 1, where the off-by-one
    denominator gives min_lr too; the old rule named that, a bug the learner doesn't have."""

    def clamps_early(step, total_steps, max_lr=1e-3, min_lr=1e-6):
        if step >= total_steps - 1:
            return min_lr
        return _cosine(step, total_steps, max_lr, min_lr)

    assert run_check("cosine_lr", clamps_early, seed=0).mistake == "clamp_one_step_early"

    def constant(step, total_steps, max_lr=1e-3, min_lr=1e-6):
        return min_lr  # agrees with a rising cosine at step 0, and with nothing else

    result = run_check("cosine_lr", constant, seed=0)
    assert result.status == "failed" and result.mistake is None, result.message


def test_a_mistake_made_on_top_of_another_is_named():
    """No clamp and no min_lr: forgot_min_lr gives every one of its wrong answers, and most
    of the learner's, so it is named although nothing explains the rise past the end."""

    def two_bugs(step, total_steps, max_lr=1e-3, min_lr=1e-6):
        return _cosine(step, total_steps, max_lr, 0.0)

    exercise = EXERCISES["cosine_lr"]
    cases = exercise.cases(random.Random(0))
    expected = exercise.expected(cases)
    outcomes = [exercise.evaluate(two_bugs, case) for case in cases]
    found = explain(exercise, cases, expected, outcomes, known_outcomes(exercise, cases)[
        "forgot_min_lr"])
    assert found.contained and found.share < verdict.MATCH
    assert diagnose(exercise, cases, expected, outcomes).key == "forgot_min_lr"


def test_ties_go_to_the_first_listed_mistake():
    exercise = EXERCISES["step_lr"]
    cases = exercise.cases(random.Random(1))
    expected = exercise.expected(cases)
    first = exercise.mistakes[0]
    outcomes = [exercise.evaluate(first.implementation, case) for case in cases]
    assert diagnose(exercise, cases, expected, outcomes) is first


def test_known_mistakes_run_once_per_list_of_cases(monkeypatch):
    exercise = EXERCISES["exponential_lr"]
    cases = exercise.cases(random.Random(2))
    monkeypatch.setattr(verdict, "_KNOWN_RUNS", OrderedDict())
    calls = []
    evaluate = type(exercise).evaluate
    monkeypatch.setattr(type(exercise), "evaluate",
                        lambda self, obj, case: calls.append(1) or evaluate(self, obj, case))
    first = known_outcomes(exercise, cases)
    n_runs = len(calls)
    assert n_runs == len(cases) * len(exercise.mistakes)
    assert known_outcomes(exercise, cases) is first and len(calls) == n_runs
