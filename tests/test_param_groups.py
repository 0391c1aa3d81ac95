"""param_groups: layer-wise decay groups judged by what torch's AdamW applies; batch scaling."""

import math

import pytest
import torch
from torch import nn

from course_utils.param_groups import applied_settings, layerwise_param_groups, scaled_lr


def model(n_layers=3):
    layers = [nn.Sequential(nn.Linear(4, 4), nn.LayerNorm(4)) for _ in range(n_layers)]
    return layers, nn.Linear(4, 2)


def named(layers, head):
    return [(f"layers.{i}.{n}", p) for i, m in enumerate(layers)
            for n, p in m.named_parameters()] + [(f"head.{n}", p)
                                                  for n, p in head.named_parameters()]


def test_adamw_applies_the_contract_to_every_parameter():
    layers, head = model(4)
    layers[0][0].weight.requires_grad_(False)
    optimizer = torch.optim.AdamW(layerwise_param_groups(layers, head, 1e-3, 0.8, 0.05))
    applied = applied_settings(optimizer, named(layers, head))
    for name, param in named(layers, head):
        if not param.requires_grad:
            assert name not in applied
            continue
        k = 0 if name.startswith("head") else 4 - int(name.split(".")[1])
        assert applied[name]["lr"] == pytest.approx(1e-3 * 0.8**k, rel=1e-12), name
        assert applied[name]["weight_decay"] == (0.05 if param.ndim > 1 else 0.0), name
    assert len(applied) == len(named(layers, head)) - 1


def test_each_parameter_once_and_no_empty_groups():
    layers, head = model(2)
    groups = layerwise_param_groups(layers, head, 0.1)
    ids = [id(p) for g in groups for p in g["params"]]
    assert len(ids) == len(set(ids)) == sum(1 for _ in named(layers, head))
    assert all(g["params"] for g in groups)
    assert {g["weight_decay"] for g in groups} == {0.01, 0.0}  # the defaults


def test_applied_settings_reads_the_groups_after_a_scheduler_step():
    layers, head = model(1)
    optimizer = torch.optim.AdamW(layerwise_param_groups(layers, head, 0.1, 0.5))
    scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=1, gamma=0.1)
    optimizer.step()
    scheduler.step()
    applied = applied_settings(optimizer, named(layers, head))
    assert applied["head.weight"]["lr"] == pytest.approx(0.01)
    assert applied["layers.0.0.weight"]["lr"] == pytest.approx(0.005)


def test_scaled_lr_rules_and_bad_input():
    assert scaled_lr(0.1, 256, 1024) == pytest.approx(0.4)
    assert scaled_lr(3e-4, 256, 1024, "sqrt") == pytest.approx(6e-4)
    assert scaled_lr(0.4, 1024, 256) == pytest.approx(0.1)
    assert math.isclose(scaled_lr(1.0, 2, 8, rule="sqrt"), 2.0)
    with pytest.raises(ValueError, match="rule must be one of"):
        scaled_lr(0.1, 1, 2, "square")
    with pytest.raises(ValueError, match="new_batch_size must be a positive int"):
        scaled_lr(0.1, 32, 0)
    with pytest.raises(ValueError, match="batch_size must be a positive int"):
        scaled_lr(0.1, 32.0, 64)
