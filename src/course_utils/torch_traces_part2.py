"""torch's own traces for Part II's exercises and explorers: warm restarts, CyclicLR (with its
momentum), SequentialLR / ChainedScheduler compositions, the LR range test's sweeps and
layer-wise param groups. Cached wrappers over torch_traces' lr_trace, as for Part I."""

from functools import lru_cache

import torch

from course_utils.torch_traces import lr_trace, make_optimizer, scheduler_from_spec, scheduler_trace


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
