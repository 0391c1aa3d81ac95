"""Run torch's own schedulers and record the lr they set: the oracle for every check."""

from collections.abc import Callable, Sequence

import torch

SchedulerFactory = Callable[[torch.optim.Optimizer], object]


def make_optimizer(base_lrs: Sequence[float], optimizer_cls=torch.optim.SGD, **kwargs):
    """An optimizer with one tiny parameter per group, group g starting at base_lrs[g]."""
    groups = [{"params": [torch.zeros(1, requires_grad=True)], "lr": lr} for lr in base_lrs]
    return optimizer_cls(groups, lr=base_lrs[0], **kwargs)


def lr_trace(
    make_scheduler: SchedulerFactory,
    base_lrs: Sequence[float] | float,
    n_steps: int,
    metrics: Sequence[float] | None = None,
    optimizer_cls=torch.optim.SGD,
    **optimizer_kwargs,
) -> list[list[float]] | list[float]:
    """lr of every group after t = 0 .. n_steps scheduler steps (t = 0: right after construction).

    With `metrics`, each step is `scheduler.step(metric)` (ReduceLROnPlateau) and
    n_steps is len(metrics). A single float base lr gives a flat list of lrs.
    """
    single = isinstance(base_lrs, int | float)
    lrs = [float(base_lrs)] if single else [float(b) for b in base_lrs]
    optimizer = make_optimizer(lrs, optimizer_cls, **optimizer_kwargs)
    scheduler = make_scheduler(optimizer)
    trace = [[g["lr"] for g in optimizer.param_groups]]
    steps = metrics if metrics is not None else range(n_steps)
    for item in steps:
        optimizer.step()
        if metrics is not None:
            scheduler.step(item)
        else:
            scheduler.step()
        trace.append([g["lr"] for g in optimizer.param_groups])
    return [row[0] for row in trace] if single else trace


def build_scheduler(optimizer: torch.optim.Optimizer, name: str, **kwargs):
    """torch.optim.lr_scheduler.<name>(optimizer, **kwargs); ValueError for an unknown name."""
    cls = getattr(torch.optim.lr_scheduler, name, None)
    if not (isinstance(cls, type) and issubclass(cls, torch.optim.lr_scheduler.LRScheduler)):
        raise ValueError(f"unknown torch scheduler {name!r}")
    return cls(optimizer, **kwargs)


def scheduler_trace(
    name: str, base_lrs, n_steps: int, metrics: Sequence[float] | None = None, **kwargs
):
    """lr_trace of torch.optim.lr_scheduler.<name>(optimizer, **kwargs)."""
    return lr_trace(lambda opt: build_scheduler(opt, name, **kwargs), base_lrs, n_steps, metrics)
