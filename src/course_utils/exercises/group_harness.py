"""The layerwise_param_groups exercise's harness: a small model built from plain data, and the
lr and weight decay that torch.optim.AdamW, built from the learner's groups, gives each parameter.

Runs where the learner's code runs (the grader's sandbox too): what leaves it is plain data.
"""

import json
from functools import lru_cache

from course_utils.answers import AnswerError, describe
from course_utils.cases import Case
from course_utils.param_groups import applied_settings

WIDTH = 6  # features of every layer: tiny tensors, the shapes are what matters
KINDS = ("linear", "block", "conv", "embedding", "scaled", "norm")
HEADS = ("linear", "mlp")
CONTAINERS = ("list", "ModuleList", "tuple")
SHOWN = {"linear": f"Linear({WIDTH}, {WIDTH})",
         "block": f"Linear({WIDTH}, {WIDTH})+LayerNorm({WIDTH})",
         "conv": f"Conv1d({WIDTH}, {WIDTH}, 3)",
         "embedding": f"Embedding(10, {WIDTH})",
         "scaled": f"Linear({WIDTH}, {WIDTH}, bias=False)+scalar gain",
         "norm": f"LayerNorm({WIDTH})",
         "head:linear": f"Linear({WIDTH}, 3)",
         "head:mlp": f"Sequential(Linear({WIDTH}, {WIDTH}), ReLU(), Linear({WIDTH}, 3))"}


def _module(kind: str):
    import torch
    from torch import nn

    if kind == "linear":
        return nn.Linear(WIDTH, WIDTH)
    if kind == "block":
        return nn.Sequential(nn.Linear(WIDTH, WIDTH), nn.LayerNorm(WIDTH))
    if kind == "conv":
        return nn.Conv1d(WIDTH, WIDTH, 3)
    if kind == "embedding":
        return nn.Embedding(10, WIDTH)
    if kind == "scaled":
        module = nn.Sequential(nn.Linear(WIDTH, WIDTH, bias=False))
        module.gain = nn.Parameter(torch.tensor(1.0))  # a scalar: ndim 0
        return module
    if kind == "norm":
        return nn.LayerNorm(WIDTH)
    if kind == "head:linear":
        return nn.Linear(WIDTH, 3)
    if kind == "head:mlp":
        return nn.Sequential(nn.Linear(WIDTH, WIDTH), nn.ReLU(), nn.Linear(WIDTH, 3))
    raise ValueError(f"unknown layer kind {kind!r}")


def build(setup: dict):
    """(layers, head) for a case: layers in the case's container, frozen parameters set."""
    import torch
    from torch import nn

    with torch.random.fork_rng(devices=[]):  # leave the learner's random state alone
        layers = [_module(kind) for kind in setup["layers"]]
        head = _module(f"head:{setup['head']}")
    frozen = set(setup.get("frozen", ()))
    for name, param in named_parameters(layers, head):
        param.requires_grad_(name not in frozen)
    container = setup.get("container", "list")
    if container == "ModuleList":
        return nn.ModuleList(layers), head
    return (tuple(layers) if container == "tuple" else layers), head


def named_parameters(layers, head) -> list:
    """[(qualified name, parameter)]: layers.<i>.<name> bottom to top, then head.<name>."""
    named = [(f"layers.{i}.{n}", p) for i, layer in enumerate(layers)
             for n, p in layer.named_parameters()]
    return named + [(f"head.{n}", p) for n, p in head.named_parameters()]


def parameters(case: Case) -> list[tuple[str, bool]]:
    """[("<qualified name> (ndim n)", requires_grad)] of the case's model, in the answer's
    order: how messages name each parameter."""
    return list(_parameters(json.dumps(case.setup, sort_keys=True)))


@lru_cache(maxsize=64)
def _parameters(setup: str) -> tuple[tuple[str, bool], ...]:
    layers, head = build(json.loads(setup))
    return tuple((f"{name} (ndim {p.ndim})", p.requires_grad)
                 for name, p in named_parameters(layers, head))


def _shown(value) -> str:
    """A value for a message: tensors by their shape, anything else by describe()."""
    import torch

    if isinstance(value, torch.Tensor):
        return f"a tensor of shape {tuple(value.shape)}"
    return describe(value)


def _group_params(group, index: int) -> list:
    import torch

    if not isinstance(group, dict) or "params" not in group:
        raise AnswerError(f"returned a list whose item {index} is {_shown(group)}; each "
                          "group is a dict: {'params': [...], 'lr': ..., 'weight_decay': ...}")
    params = group["params"]
    if isinstance(params, torch.Tensor):
        return [params]
    if isinstance(params, set | dict):
        raise AnswerError(f"group {index}'s 'params' is a {type(params).__name__}; torch needs "
                          "an ordered collection (a list)")
    try:
        params = list(params)
    except TypeError:
        raise AnswerError(f"group {index}'s 'params' is {describe(params)}, not a list of "
                          "parameters") from None
    for item in params:
        if not isinstance(item, torch.Tensor):
            raise AnswerError(f"group {index}'s 'params' holds {_shown(item)}, not a "
                              "parameter (a tensor)")
    return params


def settings(groups, named) -> dict:
    """The plain answer: for each (name, parameter) in `named`, how many groups hold it and
    the lr and weight decay torch.optim.AdamW(groups) applies to it."""
    import torch

    if groups is None:
        raise AnswerError("returned None: did you forget to return the list of groups?")
    if isinstance(groups, dict | str | bytes) or not hasattr(groups, "__iter__"):
        raise AnswerError(f"returned {_shown(groups)}; return a list of param-group dicts")
    groups = list(groups)
    copies = []
    for i, group in enumerate(groups):
        params = _group_params(group, i)  # checks that the group is a dict first
        copies.append({**group, "params": params})
    ids = {id(p): i for i, (_, p) in enumerate(named)}
    count, foreign = [0] * len(named), 0
    for group in copies:
        for param in group["params"]:
            if id(param) in ids:
                count[ids[id(param)]] += 1
            else:
                foreign += 1
    answer = {"lr": [None] * len(named), "weight_decay": [None] * len(named), "count": count,
              "foreign": foreign}
    if not copies or max(count, default=0) > 1:  # AdamW would refuse: an empty parameter
        return answer  # list, or "some parameters appear in more than one parameter group"
    optimizer = torch.optim.AdamW(copies)  # its defaults fill what a group leaves out
    applied = applied_settings(optimizer, named)
    for i, (name, _) in enumerate(named):
        if name in applied:
            answer["lr"][i] = applied[name]["lr"]
            answer["weight_decay"][i] = applied[name]["weight_decay"]
    return answer


def run_groups(fn, case: Case) -> dict:
    """Build the case's model, call fn(layers, head, *args) and return settings(...)."""
    layers, head = build(case.setup)
    named = named_parameters(layers, head)
    args, kwargs = case.call_args()
    return settings(fn(layers, head, *args, **kwargs), named)


def describe_case(case: Case) -> str:
    """layerwise_param_groups(layers=[...] (list), head=..., base_lr=..., ...)  [label]"""
    s = case.setup
    shown = ", ".join(SHOWN[kind] for kind in s["layers"])
    names = ("base_lr", "decay", "weight_decay")
    args = ", ".join(f"{k}={v!r}" for k, v in zip(names, case.args, strict=False))
    text = (f"layerwise_param_groups(layers=[{shown}] (a {s.get('container', 'list')}), "
            f"head={SHOWN['head:' + s['head']]}, {args})")
    if s.get("frozen"):
        text += f"; requires_grad=False: {', '.join(s['frozen'])}"
    return f"{text}  [{case.label}]" if case.label else text
