"""Reference learning-rate schedules in closed form, each validated against torch's own."""

import math
from collections.abc import Iterable

__all__ = [
    "cosine_annealing_lr",
    "cosine_lr",
    "cosine_warm_restarts_lr",
    "exponential_lr",
    "get_warmup_cosine_scheduler",
    "linear_lr",
    "multistep_lr",
    "one_cycle_lr",
    "one_cycle_momentum",
    "polynomial_lr",
    "reduce_on_plateau",
    "step_lr",
    "warmup_cosine_factor",
    "warmup_cosine_schedule",
]


def _num(name: str, value) -> float:
    """`value` as a finite float, or a ValueError naming the argument."""
    if isinstance(value, str | bytes):
        raise ValueError(f"{name} must be a number, got the string {value!r}")
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a number, got {value!r}") from None
    if not math.isfinite(number):
        raise ValueError(f"{name} must be finite, got {value!r}")
    return number


def _at_least(name: str, value, low: float) -> float:
    """`value` as a float, or a ValueError if it is below `low`."""
    number = _num(name, value)
    if number < low:
        raise ValueError(f"{name} must be >= {low:g}, got {value!r}")
    return number


def _positive(name: str, value) -> float:
    """`value` as a float, or a ValueError if it is not > 0."""
    number = _num(name, value)
    if number <= 0:
        raise ValueError(f"{name} must be > 0, got {value!r}")
    return number


def _half_cosine(progress: float) -> float:
    """(1 + cos(pi * progress)) / 2: 1 at progress 0, 0 at progress 1."""
    return (1 + math.cos(math.pi * progress)) / 2


def step_lr(epoch, base_lr, step_size, gamma=0.1) -> float:
    """StepLR: base_lr * gamma ** floor(epoch / step_size)."""
    epoch = _at_least("epoch", epoch, 0)
    base_lr = _num("base_lr", base_lr)
    step_size = _positive("step_size", step_size)
    gamma = _at_least("gamma", gamma, 0)
    return base_lr * gamma ** math.floor(epoch / step_size)


def multistep_lr(epoch, base_lr, milestones, gamma=0.1) -> float:
    """MultiStepLR: base_lr * gamma ** (number of milestones <= epoch); repeats count twice."""
    epoch = _at_least("epoch", epoch, 0)
    base_lr = _num("base_lr", base_lr)
    gamma = _at_least("gamma", gamma, 0)
    if isinstance(milestones, str | bytes) or not isinstance(milestones, Iterable):
        raise ValueError(f"milestones must be a list of numbers, got {milestones!r}")
    marks = [_at_least("milestone", m, 0) for m in milestones]
    return base_lr * gamma ** sum(1 for m in marks if m <= epoch)


def exponential_lr(epoch, base_lr, gamma) -> float:
    """ExponentialLR: base_lr * gamma ** epoch."""
    epoch = _at_least("epoch", epoch, 0)
    base_lr = _num("base_lr", base_lr)
    gamma = _at_least("gamma", gamma, 0)
    return base_lr * gamma**epoch


def cosine_annealing_lr(t, base_lr, T_max, eta_min=0.0) -> float:
    """torch's CosineAnnealingLR after t steps: NOT clamped, it rises again past T_max.

    eta_min + (base_lr - eta_min) * (1 + cos(pi * t / T_max)) / 2, period 2 * T_max.
    """
    t = _at_least("t", t, 0)
    base_lr = _num("base_lr", base_lr)
    T_max = _positive("T_max", T_max)
    eta_min = _num("eta_min", eta_min)
    return eta_min + (base_lr - eta_min) * _half_cosine(t / T_max)


def cosine_lr(step, total_steps, max_lr=1e-3, min_lr=1e-6) -> float:
    """The course's cosine from max_lr to min_lr, clamped: step >= total_steps gives min_lr."""
    step = _at_least("step", step, 0)
    total_steps = _positive("total_steps", total_steps)
    max_lr = _num("max_lr", max_lr)
    min_lr = _num("min_lr", min_lr)
    if step >= total_steps:
        return min_lr
    return min_lr + (max_lr - min_lr) * _half_cosine(step / total_steps)


def linear_lr(t, base_lr, start_factor=1 / 3, end_factor=1.0, total_iters=5) -> float:
    """LinearLR: base_lr * (start + (end - start) * min(t, total_iters) / total_iters).

    total_iters == 0 gives base_lr * start_factor forever, as torch does.
    """
    t = _at_least("t", t, 0)
    base_lr = _num("base_lr", base_lr)
    start_factor = _num("start_factor", start_factor)
    end_factor = _num("end_factor", end_factor)
    total_iters = _at_least("total_iters", total_iters, 0)
    if not 0 < start_factor <= 1:
        raise ValueError(f"start_factor must be in (0, 1], got {start_factor!r}")
    if not 0 <= end_factor <= 1:
        raise ValueError(f"end_factor must be in [0, 1], got {end_factor!r}")
    if total_iters == 0:
        return base_lr * start_factor
    return base_lr * (
        start_factor + (end_factor - start_factor) * min(total_iters, t) / total_iters
    )


def polynomial_lr(t, base_lr, total_iters=5, power=1.0) -> float:
    """PolynomialLR: base_lr * (1 - min(t, total_iters) / total_iters) ** power."""
    t = _at_least("t", t, 0)
    base_lr = _num("base_lr", base_lr)
    total_iters = _positive("total_iters", total_iters)
    power = _positive("power", power)
    return base_lr * (1.0 - min(total_iters, t) / total_iters) ** power


def cosine_warm_restarts_lr(t, base_lr, T_0, T_mult=1, eta_min=0.0) -> float:
    """CosineAnnealingWarmRestarts after t steps: cycle i lasts T_0 * T_mult ** i steps."""
    t = _at_least("t", t, 0)
    base_lr = _num("base_lr", base_lr)
    T_0 = _positive("T_0", T_0)
    T_mult = _at_least("T_mult", T_mult, 1)
    eta_min = _num("eta_min", eta_min)
    if T_mult == 1:
        T_cur, T_i = t % T_0, T_0
    else:
        T_cur, T_i = t, T_0
        while T_cur >= T_i:
            T_cur, T_i = T_cur - T_i, T_i * T_mult
    return eta_min + (base_lr - eta_min) * (1 + math.cos(math.pi * T_cur / T_i)) / 2


def _one_cycle(step, total_steps, pct_start, start, peak, end) -> float:
    """torch's two-phase OneCycleLR cos anneal: start -> peak (phase 1), peak -> end (phase 2)."""
    step = _at_least("step", step, 0)
    total_steps = _positive("total_steps", total_steps)
    pct_start = _num("pct_start", pct_start)
    if not 0 <= pct_start <= 1:
        raise ValueError(f"pct_start must be in [0, 1], got {pct_start!r}")
    if step >= total_steps:
        raise ValueError(
            f"step must be < total_steps ({total_steps:g}), got {step:g}: "
            "torch's OneCycleLR extrapolates at step total_steps and raises after it"
        )
    end_phase1 = float(pct_start * total_steps) - 1
    end_phase2 = total_steps - 1
    if step <= end_phase1:
        if end_phase1 == 0:
            raise ValueError(
                "pct_start * total_steps == 1 gives a zero-length first phase "
                "(torch's OneCycleLR divides by zero there)"
            )
        pct, a, b = step / end_phase1, start, peak
    else:
        pct, a, b = (step - end_phase1) / (end_phase2 - end_phase1), peak, end
    return b + (a - b) / 2.0 * (math.cos(math.pi * pct) + 1)


def one_cycle_lr(
    step, total_steps, max_lr, pct_start=0.3, div_factor=25.0, final_div_factor=1e4
) -> float:
    """OneCycleLR(anneal_strategy='cos', three_phase=False) lr at 0 <= step < total_steps.

    Starts at max_lr / div_factor, peaks at step pct_start * total_steps - 1,
    ends at max_lr / div_factor / final_div_factor on step total_steps - 1.
    """
    max_lr = _num("max_lr", max_lr)
    div_factor = _positive("div_factor", div_factor)
    final_div_factor = _positive("final_div_factor", final_div_factor)
    initial_lr = max_lr / div_factor
    return _one_cycle(
        step, total_steps, pct_start, initial_lr, max_lr, initial_lr / final_div_factor
    )


def one_cycle_momentum(
    step, total_steps, pct_start=0.3, base_momentum=0.85, max_momentum=0.95
) -> float:
    """OneCycleLR's momentum (SGD momentum or Adam beta1): max -> base -> max, inverse to the lr."""
    base_momentum = _num("base_momentum", base_momentum)
    max_momentum = _num("max_momentum", max_momentum)
    return _one_cycle(step, total_steps, pct_start, max_momentum, base_momentum, max_momentum)


def reduce_on_plateau(
    losses,
    base_lr,
    factor=0.1,
    patience=10,
    threshold=1e-4,
    cooldown=0,
    min_lr=0.0,
    mode="min",
    threshold_mode="rel",
    eps=1e-8,
) -> list[float]:
    """ReduceLROnPlateau: the lr after each step(loss), torch's algorithm step for step.

    A cut happens on the (patience + 1)-th consecutive call without improvement;
    the cooldown counter, while > 0, is decremented and resets the bad-call count.
    """
    lr = _num("base_lr", base_lr)
    factor = _num("factor", factor)
    if not 0 <= factor < 1:
        raise ValueError(f"factor must be in [0, 1), got {factor!r}")
    patience = _at_least("patience", patience, 0)
    threshold = _at_least("threshold", threshold, 0)
    cooldown = _at_least("cooldown", cooldown, 0)
    min_lr = _at_least("min_lr", min_lr, 0)
    eps = _at_least("eps", eps, 0)
    if mode not in ("min", "max"):
        raise ValueError(f"mode must be 'min' or 'max', got {mode!r}")
    if threshold_mode not in ("rel", "abs"):
        raise ValueError(f"threshold_mode must be 'rel' or 'abs', got {threshold_mode!r}")
    if isinstance(losses, str | bytes) or not isinstance(losses, Iterable):
        raise ValueError(f"losses must be a sequence of numbers, got {losses!r}")

    def is_better(current: float, best: float) -> bool:
        if mode == "min" and threshold_mode == "rel":
            return current < best * (1.0 - threshold)
        if mode == "min":
            return current < best - threshold
        if threshold_mode == "rel":
            return current > best * (threshold + 1.0)
        return current > best + threshold

    best = math.inf if mode == "min" else -math.inf
    bad = 0
    cooldown_counter = 0
    lrs = []
    for i, loss in enumerate(losses):
        try:
            current = float(loss)  # NaN and inf allowed, as in torch: never "better"
        except (TypeError, ValueError):
            raise ValueError(f"losses[{i}] must be a number, got {loss!r}") from None
        if is_better(current, best):
            best, bad = current, 0
        else:
            bad += 1
        if cooldown_counter > 0:
            cooldown_counter -= 1
            bad = 0
        if bad > patience:
            new_lr = max(lr * factor, min_lr)
            if lr - new_lr > eps:
                lr = new_lr
            cooldown_counter, bad = cooldown, 0
        lrs.append(lr)
    return lrs


def _check_warmup(step, warmup_steps, total_steps) -> tuple[float, float, float]:
    """Validated (step, warmup_steps, total_steps) with 0 <= warmup_steps <= total_steps."""
    step = _at_least("step", step, 0)
    total_steps = _positive("total_steps", total_steps)
    warmup_steps = _at_least("warmup_steps", warmup_steps, 0)
    if warmup_steps > total_steps:
        raise ValueError(
            f"warmup_steps ({warmup_steps:g}) must be <= total_steps ({total_steps:g})"
        )
    return step, warmup_steps, total_steps


def warmup_cosine_schedule(step, warmup_steps, total_steps, max_lr=3e-4, min_lr=1e-6) -> float:
    """Linear warmup 0 -> max_lr over warmup_steps, cosine max_lr -> min_lr until total_steps.

    Clamped: step >= total_steps gives min_lr. warmup_steps may be 0 or total_steps.
    """
    step, warmup_steps, total_steps = _check_warmup(step, warmup_steps, total_steps)
    max_lr = _num("max_lr", max_lr)
    min_lr = _num("min_lr", min_lr)
    if step < warmup_steps:
        return max_lr * step / warmup_steps
    if step >= total_steps:
        return min_lr
    progress = (step - warmup_steps) / max(1, total_steps - warmup_steps)
    return min_lr + (max_lr - min_lr) * _half_cosine(progress)


def warmup_cosine_factor(step, warmup_steps, total_steps, min_ratio=0.0) -> float:
    """LambdaLR factor: base_lr * factor == warmup_cosine_schedule(t, W, N, base_lr, min_lr).

    min_ratio = min_lr / base_lr.
    """
    step, warmup_steps, total_steps = _check_warmup(step, warmup_steps, total_steps)
    min_ratio = _num("min_ratio", min_ratio)
    if step < warmup_steps:
        return step / warmup_steps
    if step >= total_steps:
        return min_ratio
    progress = (step - warmup_steps) / max(1, total_steps - warmup_steps)
    return min_ratio + (1.0 - min_ratio) * _half_cosine(progress)


class _WarmupCosineFactor:
    """Picklable LambdaLR factor for one param group (state_dict keeps its fields)."""

    def __init__(self, warmup_steps: float, total_steps: float, min_ratio: float):
        self.warmup_steps = warmup_steps
        self.total_steps = total_steps
        self.min_ratio = min_ratio

    def __call__(self, step: int) -> float:
        return warmup_cosine_factor(step, self.warmup_steps, self.total_steps, self.min_ratio)


def get_warmup_cosine_scheduler(optimizer, warmup_steps, total_steps, min_lr=0.0):
    """LambdaLR giving lr == warmup_cosine_schedule(t, W, N, group's initial lr, min_lr) per group.

    Fixes the seed's version: it decays to min_lr (not 0), stays there past
    total_steps, and does not divide by zero when warmup_steps == total_steps.
    """
    from torch.optim.lr_scheduler import LambdaLR

    _, warmup_steps, total_steps = _check_warmup(0, warmup_steps, total_steps)
    min_lr = _at_least("min_lr", min_lr, 0)
    factors = []
    for i, group in enumerate(optimizer.param_groups):
        base_lr = float(group.get("initial_lr", group["lr"]))
        if base_lr == 0:
            if min_lr != 0:
                raise ValueError(
                    f"param group {i} has lr 0: a LambdaLR cannot reach min_lr={min_lr:g} from it"
                )
            min_ratio = 0.0
        else:
            min_ratio = min_lr / base_lr
        factors.append(_WarmupCosineFactor(warmup_steps, total_steps, min_ratio))
    return LambdaLR(optimizer, factors)
