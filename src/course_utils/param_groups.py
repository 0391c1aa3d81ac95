"""Param groups: layer-wise lr decay for AdamW, and what an optimizer applies to each parameter."""

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # torch loads only when a function runs: the exercise registry imports this
    import torch
    from torch import nn


def layerwise_param_groups(layers: Sequence["nn.Module"], head: "nn.Module", base_lr: float,
                           decay: float = 0.75, weight_decay: float = 0.01) -> list[dict]:
    """Param groups for AdamW with layer-wise lr decay (ELECTRA, BEiT).

    The head gets base_lr, layers[-k] (k = 1 for the top layer) base_lr * decay**k. Parameters
    with ndim <= 1 (biases, norm weights, scalars) get weight_decay 0.0, the others
    weight_decay; parameters with requires_grad=False are left out; each appears once.
    `layers` are ordered bottom (next to the input) to top (next to the head).
    """
    groups = []
    depth = len(layers)
    for k, module in [(0, head)] + [(depth - i, layer) for i, layer in enumerate(layers)]:
        lr = base_lr * decay**k
        trainable = [p for p in module.parameters() if p.requires_grad]
        for params, wd in (([p for p in trainable if p.ndim > 1], weight_decay),
                           ([p for p in trainable if p.ndim <= 1], 0.0)):
            if params:
                groups.append({"params": params, "lr": lr, "weight_decay": wd})
    return groups


def applied_settings(optimizer: "torch.optim.Optimizer",
                     named: Iterable[tuple[str, "torch.Tensor"]]) -> dict[str, dict]:
    """name -> {"lr", "weight_decay"} of the group that holds each named parameter, for the
    parameters the optimizer holds (the settings its step() applies to them)."""
    by_id = {}
    for group in optimizer.param_groups:
        for param in group["params"]:
            by_id[id(param)] = {"lr": float(group["lr"]),
                                "weight_decay": float(group.get("weight_decay", 0.0))}
    return {name: by_id[id(param)] for name, param in named if id(param) in by_id}


def scaled_lr(lr: float, batch_size: int, new_batch_size: int, rule: str = "linear") -> float:
    """The lr for new_batch_size from one tuned at batch_size: × κ ("linear", Goyal et al.
    2017, for SGD) or × √κ ("sqrt", Malladi et al. 2022, for Adam-type), κ = new / old."""
    for name, value in (("batch_size", batch_size), ("new_batch_size", new_batch_size)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ValueError(f"{name} must be a positive int, got {value!r}")
    powers = {"linear": 1.0, "sqrt": 0.5}
    if rule not in powers:
        raise ValueError(f"rule must be one of {sorted(powers)}, got {rule!r}")
    return lr * (new_batch_size / batch_size) ** powers[rule]
