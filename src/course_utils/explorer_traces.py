"""torch's traces for the explorers, cached by parameter tuple so a slider move is cheap."""

from functools import lru_cache


@lru_cache(maxsize=256)
def cosine_trace(total_steps: int, max_lr: float, min_lr: float) -> tuple[float, ...]:
    """torch CosineAnnealingLR(T_max=total_steps, eta_min=min_lr) lr at t = 0..total_steps."""
    from course_utils.torch_traces import scheduler_trace

    return tuple(
        scheduler_trace("CosineAnnealingLR", max_lr, total_steps, T_max=total_steps, eta_min=min_lr)
    )


WARMUP_START_FACTOR = 1e-10  # LinearLR refuses 0; 1e-10·max_lr is 0 at any plotted scale


@lru_cache(maxsize=256)
def warmup_cosine_trace(
    warmup_steps: int, total_steps: int, max_lr: float, min_lr: float
) -> tuple[float, ...]:
    """torch LinearLR (≈0 → max_lr over warmup_steps) then CosineAnnealingLR to min_lr, through
    SequentialLR, lr at t = 0..total_steps; min_lr at total_steps when warmup fills the run."""
    from torch.optim.lr_scheduler import CosineAnnealingLR, LinearLR, SequentialLR

    from course_utils.torch_traces import lr_trace

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
def step_trace(epochs: int, base_lr: float, step_size: int, gamma: float) -> tuple[float, ...]:
    """torch StepLR lr at epoch 0..epochs."""
    from course_utils.torch_traces import scheduler_trace

    return tuple(scheduler_trace("StepLR", base_lr, epochs, step_size=step_size, gamma=gamma))


@lru_cache(maxsize=256)
def multistep_trace(
    epochs: int, base_lr: float, milestones: tuple[int, ...], gamma: float
) -> tuple[float, ...]:
    """torch MultiStepLR lr at epoch 0..epochs."""
    from course_utils.torch_traces import scheduler_trace

    return tuple(
        scheduler_trace("MultiStepLR", base_lr, epochs, milestones=list(milestones), gamma=gamma)
    )


@lru_cache(maxsize=256)
def exponential_trace(epochs: int, base_lr: float, gamma: float) -> tuple[float, ...]:
    """torch ExponentialLR lr at epoch 0..epochs."""
    from course_utils.torch_traces import scheduler_trace

    return tuple(scheduler_trace("ExponentialLR", base_lr, epochs, gamma=gamma))


@lru_cache(maxsize=256)
def one_cycle_trace(
    total_steps: int, max_lr: float, pct_start: float, div_factor: float, final_div_factor: float
) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """torch OneCycleLR (cos, two phases) (lrs, momentums) at step 0..total_steps-1."""
    from torch.optim.lr_scheduler import OneCycleLR

    from course_utils.torch_traces import make_optimizer

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
def plateau_losses(epochs: int, noise: float, seed: int = 0) -> tuple[float, ...]:
    """A validation-loss curve that falls, then stalls: 0.3 + 0.7·exp(-t/6) + noise."""
    import numpy as np

    rng = np.random.default_rng(seed)
    t = np.arange(1, epochs + 1)
    return tuple(float(v) for v in 0.3 + 0.7 * np.exp(-t / 6) + noise * rng.standard_normal(epochs))


@lru_cache(maxsize=256)
def plateau_trace(
    losses: tuple[float, ...], base_lr: float, factor: float, patience: int,
    threshold: float, cooldown: int, min_lr: float,
) -> tuple[float, ...]:
    """torch ReduceLROnPlateau(mode='min', threshold_mode='rel') lr before and after each loss."""
    from torch.optim.lr_scheduler import ReduceLROnPlateau

    from course_utils.torch_traces import lr_trace

    def make(opt):
        return ReduceLROnPlateau(
            opt, mode="min", factor=factor, patience=patience, threshold=threshold,
            threshold_mode="rel", cooldown=cooldown, min_lr=min_lr,
        )

    return tuple(lr_trace(make, base_lr, len(losses), metrics=list(losses)))
