"""Oracle specs about one param group of layer-wise lr decay: torch's AdamW, built from the
library's layerwise_param_groups, and (optionally) a torch scheduler stepping it."""

from collections.abc import Callable, Mapping


def group_trace(spec: Mapping, scheduler_from_spec: Callable) -> list[float]:
    """The lr of the group holding layers[layer] (layer == n_layers: the head) for
    t = 0 .. spec["t"] (or n_steps) steps of spec's scheduler; [lr] when it has none.

    spec["param_groups"] = {"n_layers": L, "decay": d, "layer": i}; spec["base_lr"]: the
    head's lr; spec["scheduler"]: a torch scheduler name (with "kwargs") or None, built by
    scheduler_from_spec(optimizer, spec).
    """
    import torch

    from course_utils.param_groups import layerwise_param_groups

    groups = spec["param_groups"]
    n_layers, layer = int(groups["n_layers"]), int(groups["layer"])
    if not 0 <= layer <= n_layers:
        raise ValueError(f"layer must be in 0 .. n_layers ({n_layers}), got {layer}")
    with torch.random.fork_rng(devices=[]):
        modules = [torch.nn.Linear(2, 2) for _ in range(n_layers + 1)]
    optimizer = torch.optim.AdamW(layerwise_param_groups(
        modules[:-1], modules[-1], float(spec["base_lr"]), float(groups["decay"])))
    weight = modules[layer].weight
    index = next(i for i, group in enumerate(optimizer.param_groups)
                 if any(p is weight for p in group["params"]))
    lrs = [float(optimizer.param_groups[index]["lr"])]
    if spec.get("scheduler") is None:
        return lrs
    scheduler = scheduler_from_spec(optimizer, spec)
    for _ in range(int(spec.get("n_steps", spec.get("t", 0)))):
        optimizer.step()
        scheduler.step()
        lrs.append(float(optimizer.param_groups[index]["lr"]))
    return lrs
