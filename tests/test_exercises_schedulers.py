"""The scheduler exercises step_lr .. one_cycle_lr: oracle numbers, diagnoses, list answers."""

import math
import random

import numpy as np
import pytest
import torch

from course_utils import schedules
from course_utils.answers import to_float_list
from course_utils.checks import run_check
from course_utils.exercises import EXERCISES, Case, Outcome, exercises_for
from course_utils.verdict import judge

NAMES = ["step_lr", "multistep_lr", "exponential_lr", "reduce_on_plateau", "one_cycle_lr"]
NOTEBOOKS = ["01_step_lr", "02_multistep_lr", "03_exponential_lr", "05_reduce_on_plateau",
             "06_one_cycle"]


def expected_one(name, *args, **kwargs):
    """The oracle's (torch's) answer for a single call."""
    return EXERCISES[name].expected([Case(args, 1.0, "", {}, kwargs)])[0]


def plateau_expected(losses, base_lr, **options):
    case = Case((list(losses), base_lr), base_lr, "", {}, options)
    return EXERCISES["reduce_on_plateau"].expected([case])[0]


def cut_calls(lrs, base_lr):
    """1-based calls on which the lr went down."""
    return [k for k, (a, b) in enumerate(zip([base_lr, *lrs], lrs, strict=False), 1) if b < a]


def test_registered_in_course_order():
    assert list(EXERCISES) == ["step_lr", "multistep_lr", "exponential_lr", "cosine_lr",
                               "reduce_on_plateau", "one_cycle_lr", "warmup_cosine_schedule",
                               "get_warmup_cosine_scheduler", "train_loop"]
    for name, notebook in zip(NAMES, NOTEBOOKS, strict=True):
        assert [e.name for e in exercises_for(notebook)] == [name]


@pytest.mark.parametrize("name", NAMES)
def test_spec(name):
    exercise = EXERCISES[name]
    assert exercise.points == 10
    assert len(exercise.hints) >= 2
    assert exercise.solution.__name__ == name
    assert exercise.signature.startswith(f"{name}(")
    assert len({m.key for m in exercise.mistakes}) >= 3


def test_documented_numbers_step_and_exponential():
    assert expected_one("step_lr", 45, 0.1, 30, 0.1) == pytest.approx(0.01, rel=1e-12)
    assert expected_one("step_lr", 60, 0.1, 30, 0.1) == pytest.approx(0.001, rel=1e-12)
    assert expected_one("step_lr", 29, 0.1, 30, 0.1) == pytest.approx(0.1, rel=1e-12)
    assert round(expected_one("exponential_lr", 10, 0.01, 0.95), 6) == 0.005987


def test_documented_numbers_multistep():
    # the seed's "[30, 60, 90] ... 90 epochs": the last epoch, 89, has seen two drops
    assert expected_one("multistep_lr", 89, 0.1, [30, 60, 90]) == pytest.approx(1e-3, rel=1e-12)
    # a repeated milestone counts twice; order does not matter
    assert expected_one("multistep_lr", 30, 1.0, [30, 30], 0.5) == pytest.approx(0.25)
    assert expected_one("multistep_lr", 45, 1.0, [60, 20, 40], 0.5) == pytest.approx(0.25)


def test_documented_numbers_one_cycle():
    lrs = [expected_one("one_cycle_lr", s, 1000, 0.1) for s in range(1000)]
    assert lrs[0] == pytest.approx(0.004, rel=1e-9)
    assert max(range(1000), key=lrs.__getitem__) == 299
    assert lrs[299] == pytest.approx(0.1, rel=1e-12)
    assert lrs[999] == pytest.approx(4e-7, rel=1e-9)


def test_documented_numbers_reduce_on_plateau():
    constant = plateau_expected([1.0] * 15, 0.1)
    assert cut_calls(constant, 0.1) == [12]
    seed_trace = plateau_expected([1.0, 0.9] + [0.95] * 10, 0.1, patience=2, cooldown=1)
    assert cut_calls(seed_trace, 0.1) == [5, 9]
    assert seed_trace[-1] == pytest.approx(1e-3)
    assert plateau_expected([], 0.1) == []


@pytest.mark.parametrize("name", NAMES)
def test_oracle_agrees_with_the_library_reference(name):
    """The torch runs are wired correctly: same numbers as the closed forms on every case."""
    exercise = EXERCISES[name]
    cases = exercise.cases(random.Random(5))
    for case, want in zip(cases, exercise.expected(cases), strict=True):
        got = exercise.reference(*case.args, **case.kwargs)  # a float, or a list of floats
        assert got == pytest.approx(want, rel=1e-12, abs=1e-15), case


@pytest.mark.parametrize("seed", [0, 1])
@pytest.mark.parametrize("name", NAMES)
def test_reference_and_solution_pass(name, seed):
    exercise = EXERCISES[name]
    assert run_check(name, exercise.reference, seed=seed).passed
    assert run_check(name, exercise.solution, seed=seed).passed


@pytest.mark.parametrize("seed", [0, 1])
@pytest.mark.parametrize("name", NAMES)
def test_every_known_mistake_is_diagnosed_by_name(name, seed):
    exercise = EXERCISES[name]
    for mistake in exercise.mistakes:
        result = run_check(name, mistake.implementation, seed=seed)
        assert result.status in ("failed", "error"), mistake.key
        assert result.mistake == mistake.key, (mistake.key, result.message)
        assert mistake.message in result.message


def test_required_mistakes_exist():
    keys = {name: {m.key for m in EXERCISES[name].mistakes} for name in NAMES}
    assert {"decays_one_epoch_late", "ceil_instead_of_floor", "float_exponent",
            "gamma_subtracted"} <= keys["step_lr"]
    assert {"strict_less_than", "unique_milestones",
            "assumes_sorted_milestones", "bisect_unsorted_milestones"} <= keys["multistep_lr"]
    assert {"off_by_one", "linear_decay"} <= keys["exponential_lr"]
    assert {"cuts_one_call_early", "absolute_threshold", "ignores_cooldown", "no_min_lr_floor",
            "best_updated_on_every_call", "bad_count_not_reset_on_improvement",
            "bad_count_not_reset_after_cut"} <= keys["reduce_on_plateau"]
    assert {"peak_one_step_late", "final_lr_forgets_div_factor", "linear_anneal",
            "phase2_ends_at_total_steps"} <= keys["one_cycle_lr"]


def test_plateau_message_names_the_call():
    early = next(m for m in EXERCISES["reduce_on_plateau"].mistakes
                 if m.key == "cuts_one_call_early")
    message = run_check("reduce_on_plateau", early.implementation).message
    assert "reduce_on_plateau(losses=[1.0] * 15, base_lr=0.1)" in message
    assert "the lr after call 11: expected 0.1 (torch), got 0.01" in message


def _solution(*args, **kwargs):
    return EXERCISES["reduce_on_plateau"].solution(*args, **kwargs)


@pytest.mark.parametrize("wrap", [
    tuple,
    np.array,
    lambda lrs: torch.tensor(lrs, dtype=torch.float64),
    lambda lrs: [np.float32(x) for x in lrs],
], ids=["tuple", "numpy", "torch", "float32_items"])
def test_plateau_accepts_any_sequence_of_numbers(wrap):
    assert run_check("reduce_on_plateau", lambda *a, **k: wrap(_solution(*a, **k))).passed


@pytest.mark.parametrize(("answer", "words"), [
    (lambda lrs: lrs[-1] if lrs else 0.1, "return a list with one lr per call"),
    (lambda lrs: None, "forget a `return`"),
    (lambda lrs: [0.1, *lrs], "the number of lrs (one per call): expected 15 (torch), got 16"),
    (lambda lrs: [None, *lrs[1:]], "item 0 is None"),
    (lambda lrs: [math.nan] * len(lrs), "item 0 is nan"),
    (lambda lrs: str(lrs), "return a list of numbers"),
    (lambda lrs: np.array([lrs]), "one lr per call"),
])
def test_plateau_bad_answers_fail_clearly(answer, words):
    result = run_check("reduce_on_plateau", lambda *a, **k: answer(_solution(*a, **k)))
    assert result.status == "failed"
    assert words in result.message


def test_to_float_list():
    assert to_float_list((1, np.float64(0.5), torch.tensor(0.25))) == [1.0, 0.5, 0.25]
    assert type(to_float_list(np.array([0.1]))[0]) is float
    assert to_float_list([]) == []


def test_plateau_judge_accepts_list_outcomes_from_another_process():
    exercise = EXERCISES["reduce_on_plateau"]
    cases = exercise.cases(random.Random(3))
    values = exercise.expected(cases)
    outcomes = [Outcome.from_json(Outcome("value", v).to_json()) for v in values]
    assert judge(exercise, cases, outcomes).passed
    outcomes[1] = Outcome("value", [*values[1][:-1], "0.001"])  # a hostile non-number
    result = judge(exercise, cases, outcomes)
    assert result.status == "failed"
    assert f"the lr after call {len(values[1])}" in result.message


def test_plateau_random_cases_change_and_stay_clear_of_boundaries():
    exercise = EXERCISES["reduce_on_plateau"]
    first, second = exercise.random_cases(random.Random(1)), exercise.random_cases(random.Random(2))
    assert [c.args for c in first] != [c.args for c in second]
    for case in first + second:
        losses, base_lr = case.args
        lrs = schedules.reduce_on_plateau(losses, base_lr, **case.kwargs)
        assert cut_calls(lrs, base_lr)  # every random case has at least one cut
        # a learner without torch's eps, or with threshold rounding, gets the same lrs
        assert schedules.reduce_on_plateau(losses, base_lr, **case.kwargs, eps=0.0) == lrs


def test_multistep_learner_sorting_milestones_in_place_still_passes():
    def sorts_in_place(epoch, base_lr, milestones, gamma=0.1):
        milestones.sort(reverse=True)
        return base_lr * gamma ** sum(m <= epoch for m in milestones)

    assert run_check("multistep_lr", sorts_in_place).passed


def test_one_cycle_random_cases_are_valid_for_torch():
    for seed in range(20):
        for case in EXERCISES["one_cycle_lr"].random_cases(random.Random(seed)):
            step, total, _, pct_start, *_ = case.args
            assert 0 <= step < total
            assert pct_start * total - 1 >= 0.5  # torch divides by zero when it is 0


def test_one_cycle_rounded_peak_is_diagnosed_even_when_it_crashes():
    rounded = next(m for m in EXERCISES["one_cycle_lr"].mistakes
                   if m.key == "phase1_end_rounded")
    result = run_check("one_cycle_lr", rounded.implementation)
    assert result.status == "error"
    assert "ZeroDivisionError" in result.message
    assert result.mistake == "phase1_end_rounded"
