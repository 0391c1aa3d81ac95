"""Evaluate a numeric question's oracle spec by running torch's own scheduler."""

import itertools
from collections.abc import Mapping

# Quantities an oracle spec can ask for (key "kind", default "lr").
KINDS = ("lr", "first_cut", "n_changes", "argmax", "first_below", "first_above", "nth_rise")


def scheduler_from_spec(optimizer, spec: Mapping):
    """A torch scheduler from {"scheduler": name, "kwargs": {...}}; nested for SequentialLR and
    ChainedScheduler (torch_traces.scheduler_from_spec).

    A name "transformers.<function>" is Hugging Face transformers' schedule function (a LambdaLR).
    """
    from course_utils import torch_traces

    name = spec["scheduler"]
    if name.startswith("transformers."):
        from course_utils.hf_traces import build_hf_scheduler

        return build_hf_scheduler(optimizer, name, **dict(spec.get("kwargs", {})))
    return torch_traces.scheduler_from_spec(optimizer, spec)


def trace(spec: Mapping) -> list[float]:
    """lrs torch sets for the spec: t = 0 .. n_steps, or one entry per metric after t = 0."""
    import warnings

    from course_utils.torch_traces import lr_trace

    if "param_groups" in spec:  # one group of layer-wise lr decay (notebook 13)
        from course_utils.rehearsal.group_oracle import group_trace

        return group_trace(spec, scheduler_from_spec)
    metrics = spec.get("metrics")
    n_steps = len(metrics) if metrics is not None else int(spec.get("n_steps", spec.get("t", 0)))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # e.g. SequentialLR's deprecation chatter
        return lr_trace(
            lambda opt: scheduler_from_spec(opt, spec), float(spec["base_lr"]), n_steps, metrics
        )


def evaluate(spec: Mapping) -> float:
    """The answer the spec describes, computed by torch.

    With "param_groups", the lr is that of one group of layer-wise lr decay (group_oracle).
    kinds: "lr" (lr after t steps or t metric calls; t = 0 when absent), "first_cut" (1-based
    call on which the lr first drops), "n_changes" (how often the lr changes over t = 0..n_steps),
    "argmax" (first step with the highest lr over t = 0..n_steps), "first_below" (first t
    whose lr is below spec["threshold"]), "first_above" (first t whose lr is above it),
    "nth_rise" (the step t at which the lr goes up for the spec["n"]-th time: a warm restart).
    """
    kind = spec.get("kind", "lr")
    lrs = trace(spec)
    if kind == "lr":
        return float(lrs[int(spec.get("t", 0))])
    if kind == "first_cut":
        for call, (before, after) in enumerate(itertools.pairwise(lrs), start=1):
            if after < before:
                return float(call)
        raise ValueError("the lr is never cut for this metric sequence")
    if kind == "n_changes":
        return float(sum(a != b for a, b in itertools.pairwise(lrs)))
    if kind == "argmax":
        return float(max(range(len(lrs)), key=lambda i: (lrs[i], -i)))
    if kind == "first_below":
        for t, lr in enumerate(lrs):
            if lr < spec["threshold"]:
                return float(t)
        raise ValueError("the lr never falls below the threshold in n_steps")
    if kind == "first_above":
        for t, lr in enumerate(lrs):
            if lr > spec["threshold"]:
                return float(t)
        raise ValueError("the lr never rises above the threshold in n_steps")
    if kind == "nth_rise":
        rises = [t for t in range(1, len(lrs)) if lrs[t] > lrs[t - 1]]
        if len(rises) < spec["n"]:
            raise ValueError(f"the lr rises only {len(rises)} times in n_steps")
        return float(rises[spec["n"] - 1])
    raise ValueError(f"unknown oracle kind {kind!r}; expected one of {KINDS}")
