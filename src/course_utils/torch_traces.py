"""Run torch's own schedulers and record the lr they set: the oracle for every check.

lr_trace runs any scheduler; below it, one cached wrapper per scheduler that the explorers
and the exercises' oracles share.
"""

from collections.abc import Callable, Sequence
from functools import lru_cache

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


def scheduler_class(name: str) -> type:
    """torch.optim.lr_scheduler.<name>, or torch.optim.swa_utils.<name> (SWALR); ValueError for
    a name that is not a scheduler."""
    from torch.optim import lr_scheduler, swa_utils

    cls = getattr(lr_scheduler, name, None) or getattr(swa_utils, name, None)
    if not (isinstance(cls, type) and issubclass(cls, lr_scheduler.LRScheduler)):
        raise ValueError(f"unknown torch scheduler {name!r}")
    return cls


def build_scheduler(optimizer: torch.optim.Optimizer, name: str, **kwargs):
    """torch.optim.lr_scheduler.<name>(optimizer, **kwargs) (or swa_utils'); ValueError for an
    unknown name."""
    return scheduler_class(name)(optimizer, **kwargs)


def scheduler_from_spec(optimizer: torch.optim.Optimizer, spec):
    """A torch scheduler from {"scheduler": name, "kwargs": {...}}; SequentialLR's and
    ChainedScheduler's `schedulers` are specs too, built on the same optimizer."""
    name = spec["scheduler"]
    kwargs = dict(spec.get("kwargs", {}))
    if name in ("SequentialLR", "ChainedScheduler"):
        kwargs["schedulers"] = [scheduler_from_spec(optimizer, s) for s in kwargs["schedulers"]]
    if name == "ChainedScheduler":  # its optimizer is a keyword argument, after the children
        return torch.optim.lr_scheduler.ChainedScheduler(optimizer=optimizer, **kwargs)
    return build_scheduler(optimizer, name, **kwargs)


def scheduler_trace(
    name: str, base_lrs, n_steps: int, metrics: Sequence[float] | None = None, **kwargs
):
    """lr_trace of torch.optim.lr_scheduler.<name>(optimizer, **kwargs)."""
    return lr_trace(lambda opt: build_scheduler(opt, name, **kwargs), base_lrs, n_steps, metrics)


# ---- one cached wrapper per scheduler, named by the course's parameters ------------------------
# Each returns a tuple of lrs for t = 0 .. n_steps (t = 0: right after construction); the
# explorers and the exercises' oracles call the same wrappers, by the exercises' names.


@lru_cache(maxsize=256)
def step_trace(base_lr: float, step_size: int, gamma: float, n_steps: int) -> tuple[float, ...]:
    """StepLR(step_size, gamma)."""
    return tuple(scheduler_trace("StepLR", base_lr, n_steps, step_size=step_size, gamma=gamma))


@lru_cache(maxsize=256)
def multistep_trace(
    base_lr: float, milestones: tuple[int, ...], gamma: float, n_steps: int
) -> tuple[float, ...]:
    """MultiStepLR(milestones, gamma); milestones as a tuple (any order, repeats count)."""
    return tuple(scheduler_trace("MultiStepLR", base_lr, n_steps, milestones=list(milestones),
                                 gamma=gamma))


@lru_cache(maxsize=256)
def exponential_trace(base_lr: float, gamma: float, n_steps: int) -> tuple[float, ...]:
    """ExponentialLR(gamma)."""
    return tuple(scheduler_trace("ExponentialLR", base_lr, n_steps, gamma=gamma))


@lru_cache(maxsize=256)
def cosine_trace(total_steps: int, max_lr: float, min_lr: float,
                 n_steps: int | None = None) -> tuple[float, ...]:
    """CosineAnnealingLR(T_max=total_steps, eta_min=min_lr) from max_lr; n_steps defaults to
    total_steps (past it torch's cosine rises again)."""
    n = total_steps if n_steps is None else n_steps
    return tuple(scheduler_trace("CosineAnnealingLR", max_lr, n, T_max=total_steps,
                                 eta_min=min_lr))


@lru_cache(maxsize=256)
def linear_trace(base_lr: float, start_factor: float, end_factor: float, total_iters: int,
                 n_steps: int | None = None) -> tuple[float, ...]:
    """LinearLR(start_factor, end_factor, total_iters); n_steps defaults to total_iters."""
    n = total_iters if n_steps is None else n_steps
    return tuple(scheduler_trace("LinearLR", base_lr, n, start_factor=start_factor,
                                 end_factor=end_factor, total_iters=total_iters))


WARMUP_START_FACTOR = 1e-10  # LinearLR refuses 0; 1e-10·max_lr is 0 at any plotted scale


@lru_cache(maxsize=256)
def warmup_cosine_trace(
    warmup_steps: int, total_steps: int, max_lr: float, min_lr: float
) -> tuple[float, ...]:
    """LinearLR (≈0 → max_lr over warmup_steps) then CosineAnnealingLR to min_lr, through
    SequentialLR, for t = 0 .. total_steps; min_lr at total_steps when warmup fills the run."""
    from torch.optim.lr_scheduler import CosineAnnealingLR, LinearLR, SequentialLR

    if not 0 <= warmup_steps <= total_steps or total_steps < 1:
        raise ValueError(f"need 0 <= warmup_steps ({warmup_steps}) <= total_steps ({total_steps})")
    decay_steps = total_steps - warmup_steps

    def warmup(opt):
        return LinearLR(opt, WARMUP_START_FACTOR, 1.0, total_iters=warmup_steps)

    def cosine(opt):
        return CosineAnnealingLR(opt, T_max=decay_steps, eta_min=min_lr)

    if warmup_steps == 0:
        return tuple(lr_trace(cosine, max_lr, total_steps))
    if decay_steps == 0:
        return (*lr_trace(warmup, max_lr, total_steps - 1), min_lr)

    def make(opt):
        return SequentialLR(opt, [warmup(opt), cosine(opt)], milestones=[warmup_steps])

    return tuple(lr_trace(make, max_lr, total_steps))


@lru_cache(maxsize=256)
def one_cycle_trace(
    total_steps: int, max_lr: float, pct_start: float, div_factor: float, final_div_factor: float
) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """OneCycleLR (cos, two phases): (lrs, momentums) at step 0 .. total_steps - 1."""
    from torch.optim.lr_scheduler import OneCycleLR

    optimizer = make_optimizer([max_lr], momentum=0.9)
    scheduler = OneCycleLR(
        optimizer, max_lr=max_lr, total_steps=total_steps, pct_start=pct_start,
        div_factor=div_factor, final_div_factor=final_div_factor,
    )
    lrs, momentums = [], []
    for t in range(total_steps):
        group = optimizer.param_groups[0]
        lrs.append(group["lr"])
        momentums.append(group["momentum"])
        if t < total_steps - 1:
            optimizer.step()
            scheduler.step()
    return tuple(lrs), tuple(momentums)


@lru_cache(maxsize=256)
def plateau_trace(
    losses: tuple[float, ...], base_lr: float, factor: float, patience: int,
    threshold: float, cooldown: int, min_lr: float,
) -> tuple[float, ...]:
    """ReduceLROnPlateau(mode='min', threshold_mode='rel'): the lr before, then after each
    step(loss)."""
    from torch.optim.lr_scheduler import ReduceLROnPlateau

    def make(opt):
        return ReduceLROnPlateau(
            opt, mode="min", factor=factor, patience=patience, threshold=threshold,
            threshold_mode="rel", cooldown=cooldown, min_lr=min_lr,
        )

    return tuple(lr_trace(make, base_lr, len(losses), metrics=list(losses)))
