"""Exercise layerwise_param_groups: plain data from the learner's groups, judged by AdamW."""

import json
import random

import pytest
import torch

from course_utils.cases import Case, Outcome
from course_utils.checks import run_check
from course_utils.exercises import EXERCISES
from course_utils.exercises.group_harness import build, named_parameters, run_groups
from course_utils.grading.grade import parse_outcomes
from course_utils.verdict import judge

EXERCISE = EXERCISES["layerwise_param_groups"]
SOLUTION = EXERCISE.solution


def test_expected_is_the_contract_for_every_case():
    """The oracle (AdamW on the library's groups) agrees with the contract, parameter by
    parameter: head k = 0, layers[-k] k, no decay for ndim <= 1, frozen left out."""
    cases = EXERCISE.cases(random.Random(3))
    for case, want in zip(cases, EXERCISE.expected(cases), strict=True):
        layers, head = build(case.setup)
        base_lr, decay, weight_decay = case.args + (None, 0.75, 0.01)[len(case.args):]
        depth = len(layers)
        for i, (name, param) in enumerate(named_parameters(layers, head)):
            if not param.requires_grad:
                assert want["count"][i] == 0 and want["lr"][i] is None, name
                continue
            k = 0 if name.startswith("head") else depth - int(name.split(".")[1])
            assert want["count"][i] == 1
            assert want["lr"][i] == pytest.approx(base_lr * decay**k, rel=1e-12), name
            wd = weight_decay if param.ndim > 1 else 0.0
            assert want["weight_decay"][i] == pytest.approx(wd, abs=1e-15), name
        assert want["foreign"] == 0


def test_edge_cases_cover_the_containers_kinds_and_frozen_parameters():
    cases = EXERCISE.edge_cases()
    assert {c.setup["container"] for c in cases} == {"list", "ModuleList", "tuple"}
    kinds = {kind for c in cases for kind in c.setup["layers"]}
    assert {"linear", "block", "conv", "embedding", "scaled", "norm"} <= kinds
    assert any(c.setup["frozen"] for c in cases)
    layers, _ = build(cases[1].setup)
    assert isinstance(layers, torch.nn.ModuleList)


def test_answers_are_plain_json_and_survive_the_grader_boundary():
    cases = EXERCISE.cases(random.Random(0))
    outcomes = [Outcome("value", json.loads(json.dumps(run_groups(SOLUTION, c)))) for c in cases]
    parsed = parse_outcomes(EXERCISE, [o.to_json() for o in outcomes], len(cases))
    assert judge(EXERCISE, cases, parsed).passed


@pytest.mark.parametrize("bad", [
    [1.0], {"lr": [1.0], "weight_decay": [0.0], "count": [1]},
    {"lr": [1.0], "weight_decay": [0.0], "count": [1, 1], "foreign": 0},
    {"lr": ["0.1"], "weight_decay": [0.0], "count": [1], "foreign": 0},
    {"lr": [0.1], "weight_decay": [0.0], "count": [True], "foreign": 0},
    {"lr": [0.1], "weight_decay": [0.0], "count": [-1], "foreign": 0},
    {"lr": [0.1], "weight_decay": [0.0], "count": [1], "foreign": 0, "extra": 1},
])
def test_untrusted_values_of_the_wrong_shape_are_refused(bad):
    assert not EXERCISE.returns.valid(bad)
    case = EXERCISE.edge_cases()[0]
    with pytest.raises(ValueError, match="not plain numbers"):
        parse_outcomes(EXERCISE, [Outcome("value", bad).to_json()], 1)
    assert EXERCISE.returns.mismatch(case, run_groups(SOLUTION, case), bad) is not None


def test_a_crafted_answer_without_values_fails_instead_of_crashing():
    case = EXERCISE.edge_cases()[0]
    want = run_groups(SOLUTION, case)
    crafted = {**want, "lr": [None] * len(want["lr"])}
    mismatch = EXERCISE.returns.mismatch(case, want, crafted)
    assert mismatch.where.startswith("the lr AdamW applies to layers.0.weight")
    assert mismatch.got is None


@pytest.mark.parametrize("answer, words", [
    (None, "returned None"), ({"params": []}, "return a list of param-group dicts"),
    ([{"lr": 0.1}], "each group is a dict"),
    ([{"params": {1, 2}}], "needs an ordered collection"),
    ([{"params": [0.5]}], "not a parameter"), (42, "return a list of param-group dicts"),
])
def test_unusable_answers_fail_with_a_message(answer, words):
    result = run_check("layerwise_param_groups", lambda *args, **kwargs: answer, seed=0)
    assert result.status == "failed"
    assert words in result.message


def test_foreign_tensors_and_generators_and_single_tensor_params():
    def foreign(layers, head, base_lr, decay=0.75, weight_decay=0.01):
        return [*SOLUTION(layers, head, base_lr, decay, weight_decay),
                {"params": [torch.nn.Parameter(torch.zeros(2))]}]

    result = run_check("layerwise_param_groups", foreign, seed=0)
    assert "not parameters of layers or head: expected 0 (torch), got 1" in result.message

    def lazy(layers, head, base_lr, decay=0.75, weight_decay=0.01):
        groups = SOLUTION(layers, head, base_lr, decay, weight_decay)
        return ({**g, "params": (p for p in g["params"])} for g in groups)

    assert run_check("layerwise_param_groups", lazy, seed=0).passed

    def one_tensor_each(layers, head, base_lr, decay=0.75, weight_decay=0.01):
        groups = SOLUTION(layers, head, base_lr, decay, weight_decay)
        return [{**g, "params": p} for g in groups for p in g["params"]]

    assert run_check("layerwise_param_groups", one_tensor_each, seed=0).passed


def test_the_learners_groups_and_random_state_are_left_alone():
    case = EXERCISE.edge_cases()[0]
    kept = []

    def keeps(layers, head, base_lr, decay=0.75, weight_decay=0.01):
        kept.extend(SOLUTION(layers, head, base_lr, decay, weight_decay))
        return kept

    torch.manual_seed(1)
    expected = torch.rand(2)
    torch.manual_seed(1)
    run_groups(keeps, case)
    assert torch.equal(torch.rand(2), expected)
    assert all(set(g) == {"params", "lr", "weight_decay"} for g in kept)  # AdamW filled a copy


def test_messages_name_the_parameter_its_ndim_and_the_input():
    mistake = next(m for m in EXERCISE.mistakes if m.key == "norm_weights_decayed")
    message = run_check("layerwise_param_groups", mistake.implementation, seed=0).message
    assert "the weight_decay AdamW applies to layers.0.1.weight (ndim 1)" in message
    assert "layers=[Linear(6, 6)+LayerNorm(6)" in message and "(a ModuleList)" in message
    frozen = next(m for m in EXERCISE.mistakes if m.key == "frozen_included")
    message = run_check("layerwise_param_groups", frozen.implementation, seed=0).message
    assert "how many groups hold layers.0.weight (ndim 2) (requires_grad=False)" in message


def test_an_empty_list_is_an_answer_with_every_parameter_ungrouped():
    result = run_check("layerwise_param_groups", lambda *args, **kwargs: [], seed=0)
    assert result.status == "failed" and result.mistake == "no_groups"
    assert "how many groups hold layers.0.weight (ndim 2): expected 1 (torch), got 0" in \
        result.message


def test_required_mistakes_exist():
    keys = {m.key for m in EXERCISE.mistakes}
    assert {"top_layer_undecayed", "exponent_one_too_large", "head_decayed", "layers_reversed",
            "biases_decayed", "frozen_included", "parameter_in_two_groups"} <= keys


def test_case_json_round_trip_keeps_the_setup():
    case = EXERCISE.edge_cases()[2]
    again = Case.from_json(json.loads(json.dumps(case.to_json())))
    assert run_groups(SOLUTION, again) == run_groups(SOLUTION, case)
