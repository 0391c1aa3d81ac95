"""torch-backed expected values for the exercises, one torch run per parameter set."""

import inspect
from collections import defaultdict
from collections.abc import Callable, Sequence

from course_utils.cases import Case
from course_utils.torch_traces import lr_trace, scheduler_trace


def bind(reference: Callable, case: Case) -> dict:
    """The case's arguments by parameter name, with the reference's defaults filled in."""
    bound = inspect.signature(reference).bind(*case.args, **case.kwargs)
    bound.apply_defaults()
    return dict(bound.arguments)


def call_text(name: str, reference: Callable, case: Case) -> str:
    """`name(step=3, total_steps=10)`: the call as the check made it (defaults left out)."""
    params = list(inspect.signature(reference).parameters)
    parts = [f"{p}={v!r}" for p, v in zip(params, case.args, strict=False)]
    parts += [f"{k}={v!r}" for k, v in case.kwargs.items()]
    text = f"{name}({', '.join(parts)})"
    return f"{text}  [{case.label}]" if case.label else text


def traces_by_params(
    points: Sequence[tuple[tuple, int]], run: Callable[[tuple, int], list[float]]
) -> dict[tuple, list[float]]:
    """For (params, t) points, call run(params, max t) once per distinct params."""
    needed: dict[tuple, int] = defaultdict(int)
    for params, t in points:
        needed[params] = max(needed[params], t)
    return {params: run(params, t_max) for params, t_max in needed.items()}


def torch_cosine_trace(base_lr: float, t_max: int, eta_min: float, n_steps: int) -> list[float]:
    """CosineAnnealingLR(T_max=t_max, eta_min) lrs for t = 0 .. n_steps."""
    return scheduler_trace("CosineAnnealingLR", base_lr, n_steps, T_max=t_max, eta_min=eta_min)


def torch_linear_warmup_trace(base_lr: float, warmup_steps: int, n_steps: int) -> list[float]:
    """LinearLR(start_factor=1/W, total_iters=W-1): its t-th lr is base_lr*(t+1)/W."""
    return scheduler_trace("LinearLR", base_lr, n_steps, start_factor=1 / warmup_steps,
                           end_factor=1.0, total_iters=warmup_steps - 1)


def cosine_expected(points: Sequence[tuple[int, int, float, float]]) -> list[float]:
    """cosine_lr(step, N, max_lr, min_lr) from torch's CosineAnnealingLR; min_lr for step >= N."""
    traces = traces_by_params(
        [((n, hi, lo), min(step, n)) for step, n, hi, lo in points if step < n],
        lambda p, t: torch_cosine_trace(p[1], p[0], p[2], t),
    )
    return [lo if step >= n else traces[(n, hi, lo)][step] for step, n, hi, lo in points]


def warmup_cosine_expected(points: Sequence[tuple[int, int, int, float, float]]) -> list[float]:
    """warmup_cosine_schedule(step, W, N, max_lr, min_lr) from torch's LinearLR and
    CosineAnnealingLR where each applies; step 0 of a warmup is 0 and step >= N is min_lr."""
    warmup = traces_by_params(
        [((w, hi), step - 1) for step, w, n, hi, lo in points if 0 < step < w and step < n],
        lambda p, t: torch_linear_warmup_trace(p[1], p[0], t),
    )
    decay = traces_by_params(
        [((w, n, hi, lo), step - w) for step, w, n, hi, lo in points if w <= step < n],
        lambda p, t: torch_cosine_trace(p[2], max(1, p[1] - p[0]), p[3], t),
    )
    values = []
    for step, w, n, hi, lo in points:
        if step >= n:
            values.append(lo)
        elif step < w:
            values.append(0.0 if step == 0 else warmup[(w, hi)][step - 1])
        else:
            values.append(decay[(w, n, hi, lo)][step - w])
    return values


def step_expected(points: Sequence[tuple[int, float, int, float]]) -> list[float]:
    """step_lr(epoch, base_lr, step_size, gamma) from torch's StepLR."""
    traces = traces_by_params(
        [((b, s, g), epoch) for epoch, b, s, g in points],
        lambda p, t: scheduler_trace("StepLR", p[0], t, step_size=p[1], gamma=p[2]),
    )
    return [traces[(b, s, g)][epoch] for epoch, b, s, g in points]


def multistep_expected(points: Sequence[tuple[int, float, tuple, float]]) -> list[float]:
    """multistep_lr(epoch, base_lr, milestones, gamma) from torch's MultiStepLR."""
    traces = traces_by_params(
        [((b, tuple(ms), g), epoch) for epoch, b, ms, g in points],
        lambda p, t: scheduler_trace("MultiStepLR", p[0], t, milestones=list(p[1]), gamma=p[2]),
    )
    return [traces[(b, tuple(ms), g)][epoch] for epoch, b, ms, g in points]


def exponential_expected(points: Sequence[tuple[int, float, float]]) -> list[float]:
    """exponential_lr(epoch, base_lr, gamma) from torch's ExponentialLR."""
    traces = traces_by_params(
        [((b, g), epoch) for epoch, b, g in points],
        lambda p, t: scheduler_trace("ExponentialLR", p[0], t, gamma=p[1]),
    )
    return [traces[(b, g)][epoch] for epoch, b, g in points]


def plateau_expected(runs: Sequence[tuple[tuple, float, dict]]) -> list[list[float]]:
    """reduce_on_plateau(losses, base_lr, **options): ReduceLROnPlateau(mode='min',
    threshold_mode='rel', **options) stepped with each loss; the lr after every call."""
    import torch

    def run(losses, base_lr, options):
        trace = lr_trace(
            lambda opt: torch.optim.lr_scheduler.ReduceLROnPlateau(
                opt, mode="min", threshold_mode="rel", **options
            ),
            base_lr,
            len(losses),
            metrics=list(losses),
        )
        return trace[1:]

    return [run(losses, base_lr, options) for losses, base_lr, options in runs]


def one_cycle_expected(points: Sequence[tuple]) -> list[float]:
    """one_cycle_lr at (step, N, max_lr, pct_start, div_factor, final_div_factor) points, from
    torch's OneCycleLR(anneal_strategy='cos', three_phase=False); valid for 0 <= step < N."""
    traces = traces_by_params(
        [(tuple(p[1:]), p[0]) for p in points],
        lambda p, t: scheduler_trace(
            "OneCycleLR", p[1], t, total_steps=p[0], max_lr=p[1], pct_start=p[2],
            div_factor=p[3], final_div_factor=p[4], anneal_strategy="cos", three_phase=False,
        ),
    )
    return [traces[tuple(p[1:])][p[0]] for p in points]
