"""Tests for course_utils.rehearsal.oracle: specs run through torch's own schedulers."""

import pytest
import torch

from course_utils.rehearsal.oracle import evaluate, trace


def _raw_lrs(make, n_steps):
    optimizer = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1)
    scheduler = make(optimizer)
    lrs = [optimizer.param_groups[0]["lr"]]
    for _ in range(n_steps):
        optimizer.step()
        scheduler.step()
        lrs.append(optimizer.param_groups[0]["lr"])
    return lrs


def test_lr_kind_matches_a_hand_written_torch_loop():
    spec = {"scheduler": "StepLR", "base_lr": 0.1, "t": 45, "kwargs": {"step_size": 30}}
    raw = _raw_lrs(lambda o: torch.optim.lr_scheduler.StepLR(o, 30), 45)
    assert evaluate(spec) == raw[45]
    assert trace(spec) == raw


def test_sequential_lr_is_built_from_nested_specs():
    spec = {
        "scheduler": "SequentialLR",
        "base_lr": 0.1,
        "t": 50,
        "kwargs": {
            "schedulers": [
                {"scheduler": "LinearLR", "kwargs": {"start_factor": 0.1, "total_iters": 5}},
                {"scheduler": "CosineAnnealingLR", "kwargs": {"T_max": 95}},
            ],
            "milestones": [5],
        },
    }
    assert evaluate(spec) == pytest.approx(0.05413, rel=1e-4)  # reference/schedulers.md


def test_first_cut_n_changes_argmax_first_below():
    plateau = {
        "scheduler": "ReduceLROnPlateau",
        "kind": "first_cut",
        "base_lr": 0.1,
        "kwargs": {"patience": 2, "cooldown": 1},
        "metrics": [1.0, 0.9] + [0.95] * 10,
    }
    assert evaluate(plateau) == 5
    multistep = {
        "scheduler": "MultiStepLR",
        "kind": "n_changes",
        "base_lr": 0.1,
        "kwargs": {"milestones": [30, 60, 90]},
        "n_steps": 89,
    }
    assert evaluate(multistep) == 2
    assert evaluate({**multistep, "n_steps": 90}) == 3
    peak = {
        "scheduler": "OneCycleLR",
        "kind": "argmax",
        "base_lr": 0.1,
        "kwargs": {"max_lr": 0.1, "total_steps": 1000},
        "n_steps": 999,
    }
    assert evaluate(peak) == 299
    half = {
        "scheduler": "ExponentialLR",
        "kind": "first_below",
        "base_lr": 0.1,
        "kwargs": {"gamma": 0.95},
        "threshold": 0.05,
        "n_steps": 50,
    }
    assert evaluate(half) == 14
    sweep = {
        "scheduler": "ExponentialLR",
        "kind": "first_above",
        "base_lr": 1e-7,
        "kwargs": {"gamma": 1.2045},
        "threshold": 1e-3,
        "n_steps": 99,
    }
    assert evaluate(sweep) == 50  # 1e-7 * 1.2045**49 = 9.1e-4 <= 1e-3 < 1.1e-3 at step 50
    with pytest.raises(ValueError, match="never rises above"):
        evaluate({**sweep, "threshold": 100.0})


def test_bad_specs_raise_clear_errors():
    with pytest.raises(ValueError, match="unknown torch scheduler"):
        evaluate({"scheduler": "NoSuchLR", "base_lr": 0.1, "t": 1})
    with pytest.raises(ValueError, match="never cut"):
        evaluate(
            {
                "scheduler": "ReduceLROnPlateau",
                "kind": "first_cut",
                "base_lr": 0.1,
                "metrics": [1.0, 0.9, 0.8],
            }
        )
    with pytest.raises(ValueError, match="unknown oracle kind"):
        evaluate(
            {
                "scheduler": "StepLR",
                "kind": "median",
                "base_lr": 0.1,
                "t": 1,
                "kwargs": {"step_size": 1},
            }
        )


def test_param_group_specs_follow_one_group_of_layerwise_decay():
    spec = {"scheduler": None, "base_lr": 1e-3, "kwargs": {},
            "param_groups": {"n_layers": 12, "decay": 0.75, "layer": 0}}
    assert evaluate(spec) == pytest.approx(1e-3 * 0.75**12, rel=1e-12)
    assert evaluate({**spec, "param_groups": {**spec["param_groups"], "layer": 12}}) == 1e-3
    cosine = {**spec, "scheduler": "CosineAnnealingLR", "t": 50,
              "kwargs": {"T_max": 100, "eta_min": 1e-5}}
    base = 1e-3 * 0.75**12
    assert evaluate(cosine) == pytest.approx(1e-5 + (base - 1e-5) / 2, rel=1e-9)
    one_cycle = {"scheduler": "OneCycleLR", "base_lr": 1e-3, "t": 29,
                 "kwargs": {"max_lr": 1e-3, "total_steps": 100},
                 "param_groups": {"n_layers": 1, "decay": 0.1, "layer": 0}}
    assert evaluate(one_cycle) == pytest.approx(1e-3)  # a scalar max_lr overwrites the group
    with pytest.raises(ValueError, match=r"layer must be in 0 \.\. n_layers"):
        evaluate({**spec, "param_groups": {**spec["param_groups"], "layer": 13}})


def test_nth_rise_finds_the_warm_restarts():
    spec = {
        "scheduler": "CosineAnnealingWarmRestarts",
        "kind": "nth_rise",
        "base_lr": 0.1,
        "kwargs": {"T_0": 10, "T_mult": 2},
        "n_steps": 151,
    }
    assert [evaluate({**spec, "n": n}) for n in (1, 2, 3, 4)] == [10, 30, 70, 150]
    with pytest.raises(ValueError, match="rises only 4 times"):
        evaluate({**spec, "n": 5})
