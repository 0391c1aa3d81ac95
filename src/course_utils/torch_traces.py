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


@lru_cache(maxsize=256)
def range_test_trace(start_lr: float, end_lr: float, num_steps: int,
                     n_steps: int | None = None) -> tuple[float, ...]:
    """The LR range test's exponential sweep as torch runs it: ExponentialLR(gamma =
    (end_lr / start_lr) ** (1 / (num_steps - 1))) on base start_lr; n_steps defaults to
    num_steps - 1 (the last step of the sweep, at end_lr)."""
    gamma = (end_lr / start_lr) ** (1 / (num_steps - 1))
    n = num_steps - 1 if n_steps is None else n_steps
    return tuple(scheduler_trace("ExponentialLR", start_lr, n, gamma=gamma))


@lru_cache(maxsize=64)
def lr_finder_trace(start_lr: float, end_lr: float, num_steps: int,
                    step_mode: str = "exp") -> tuple[float, ...]:
    """torch-lr-finder's own sweep scheduler (its ExponentialLR or LinearLR, as range_test
    builds it for step_mode) on base start_lr: the lr of steps 0 .. num_steps - 1."""
    from torch_lr_finder import lr_finder

    classes = {"exp": lr_finder.ExponentialLR, "linear": lr_finder.LinearLR}
    if step_mode not in classes:
        raise ValueError(f"step_mode must be one of {sorted(classes)}, got {step_mode!r}")
    sweep = classes[step_mode]
    return tuple(lr_trace(lambda opt: sweep(opt, end_lr, num_steps), start_lr, num_steps - 1))


@lru_cache(maxsize=256)
def layerwise_lrs(n_layers: int, base_lr: float, decay: float,
                  weight_decay: float = 0.01) -> tuple[float, ...]:
    """The lr torch.optim.AdamW applies to each of n_layers Linear layers (bottom to top), then
    to the head, built from the library's layerwise_param_groups."""
    from course_utils.param_groups import applied_settings, layerwise_param_groups

    with torch.random.fork_rng(devices=[]):  # the caller's random state stays as it was
        layers = [torch.nn.Linear(2, 2) for _ in range(n_layers)]
        head = torch.nn.Linear(2, 2)
    optimizer = torch.optim.AdamW(layerwise_param_groups(layers, head, base_lr, decay,
                                                         weight_decay))
    named = [(str(i), layer.weight) for i, layer in enumerate([*layers, head])]
    applied = applied_settings(optimizer, named)
    return tuple(applied[name]["lr"] for name, _ in named)


def _warmup_cosine_children(warmup_steps, T_max, start_factor, eta_min) -> list[dict]:
    return [{"scheduler": "LinearLR", "kwargs": {"start_factor": start_factor, "end_factor": 1.0,
                                                 "total_iters": warmup_steps}},
            {"scheduler": "CosineAnnealingLR", "kwargs": {"T_max": T_max, "eta_min": eta_min}}]


@lru_cache(maxsize=256)
def sequential_warmup_cosine_trace(base_lr: float, warmup_steps: int, milestone: int, T_max: int,
                                   start_factor: float, eta_min: float,
                                   n_steps: int) -> tuple[float, ...]:
    """SequentialLR([LinearLR(start_factor, 1.0, warmup_steps), CosineAnnealingLR(T_max,
    eta_min)], milestones=[milestone])."""
    children = _warmup_cosine_children(warmup_steps, T_max, start_factor, eta_min)
    spec = {"scheduler": "SequentialLR",
            "kwargs": {"schedulers": children, "milestones": [milestone]}}
    return tuple(lr_trace(lambda opt: scheduler_from_spec(opt, spec), base_lr, n_steps))


@lru_cache(maxsize=256)
def chained_warmup_cosine_trace(base_lr: float, warmup_steps: int, T_max: int,
                                start_factor: float, eta_min: float,
                                n_steps: int) -> tuple[float, ...]:
    """ChainedScheduler([LinearLR(start_factor, 1.0, warmup_steps), CosineAnnealingLR(T_max,
    eta_min)]): both step every time."""
    children = _warmup_cosine_children(warmup_steps, T_max, start_factor, eta_min)
    spec = {"scheduler": "ChainedScheduler", "kwargs": {"schedulers": children}}
    return tuple(lr_trace(lambda opt: scheduler_from_spec(opt, spec), base_lr, n_steps))


@lru_cache(maxsize=256)
def warm_restarts_trace(
    T_0: int, T_mult: int, max_lr: float, min_lr: float, n_steps: int
) -> tuple[float, ...]:
    """CosineAnnealingWarmRestarts(T_0, T_mult, eta_min=min_lr) from max_lr, stepped n_steps
    times with step() (integer steps)."""
    return tuple(scheduler_trace("CosineAnnealingWarmRestarts", max_lr, n_steps, T_0=T_0,
                                 T_mult=T_mult, eta_min=min_lr))


@lru_cache(maxsize=256)
def cyclic_trace(
    base_lr: float, max_lr: float, step_size_up: int, mode: str, gamma: float, n_steps: int,
    step_size_down: int | None = None,
) -> tuple[float, ...]:
    """CyclicLR(base_lr, max_lr, step_size_up, step_size_down, mode, gamma,
    cycle_momentum=False); it sets the lr to base_lr at construction."""
    return tuple(scheduler_trace("CyclicLR", base_lr, n_steps, base_lr=base_lr, max_lr=max_lr,
                                 step_size_up=step_size_up, step_size_down=step_size_down,
                                 mode=mode, gamma=gamma, cycle_momentum=False))


@lru_cache(maxsize=64)
def cyclic_momentum_trace(
    base_lr: float, max_lr: float, step_size_up: int, mode: str, gamma: float, n_steps: int,
    step_size_down: int | None = None, optimizer: str = "sgd",
) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """CyclicLR with its default momentum cycling (0.9 -> 0.8 -> 0.9) on SGD(momentum=0.9)
    ("sgd") or Adam ("adam", whose beta1 it cycles): (lrs, momentums) for t = 0 .. n_steps."""
    from torch.optim.lr_scheduler import CyclicLR

    if optimizer == "sgd":
        opt = make_optimizer([base_lr], momentum=0.9)
    elif optimizer == "adam":
        opt = make_optimizer([base_lr], torch.optim.Adam)
    else:
        raise ValueError(f"optimizer must be 'sgd' or 'adam', got {optimizer!r}")
    group = opt.param_groups[0]
    scheduler = CyclicLR(opt, base_lr, max_lr, step_size_up, step_size_down, mode, gamma)

    def momentum() -> float:
        return group["betas"][0] if optimizer == "adam" else group["momentum"]

    lrs, momentums = [group["lr"]], [momentum()]
    for _ in range(n_steps):
        opt.step()
        scheduler.step()
        lrs.append(group["lr"])
        momentums.append(momentum())
    return tuple(lrs), tuple(momentums)
