"""Linear warmup then cosine decay: as a function, as a LambdaLR factor, as a torch scheduler."""

from course_utils.schedules.arguments import above_zero, at_least, number
from course_utils.schedules.decay import half_cosine


def _check_warmup(step, warmup_steps, total_steps) -> tuple[float, float, float]:
    """Validated (step, warmup_steps, total_steps) with 0 <= warmup_steps <= total_steps."""
    step = at_least("step", step, 0)
    total_steps = above_zero("total_steps", total_steps)
    warmup_steps = at_least("warmup_steps", warmup_steps, 0)
    if warmup_steps > total_steps:
        raise ValueError(
            f"warmup_steps ({warmup_steps:g}) must be <= total_steps ({total_steps:g})"
        )
    return step, warmup_steps, total_steps


def warmup_cosine_schedule(step, warmup_steps, total_steps, max_lr=3e-4, min_lr=1e-6) -> float:
    """Linear warmup 0 -> max_lr over warmup_steps, cosine max_lr -> min_lr until total_steps.

    Clamped: step >= total_steps gives min_lr. warmup_steps may be 0 or total_steps.
    lr 0 at step 0 by design (as transformers); see 07 §7.4 for the trade-off.
    """
    step, warmup_steps, total_steps = _check_warmup(step, warmup_steps, total_steps)
    max_lr = number("max_lr", max_lr)
    min_lr = number("min_lr", min_lr)
    if step < warmup_steps:
        return max_lr * step / warmup_steps
    if step >= total_steps:
        return min_lr
    progress = (step - warmup_steps) / max(1, total_steps - warmup_steps)
    return min_lr + (max_lr - min_lr) * half_cosine(progress)


def warmup_cosine_factor(step, warmup_steps, total_steps, min_ratio=0.0) -> float:
    """LambdaLR factor: base_lr * factor == warmup_cosine_schedule(t, W, N, base_lr, min_lr).

    min_ratio = min_lr / base_lr. The factor is 0 at step 0 by design (as transformers); see
    07 §7.4 for the trade-off.
    """
    step, warmup_steps, total_steps = _check_warmup(step, warmup_steps, total_steps)
    min_ratio = number("min_ratio", min_ratio)
    if step < warmup_steps:
        return step / warmup_steps
    if step >= total_steps:
        return min_ratio
    progress = (step - warmup_steps) / max(1, total_steps - warmup_steps)
    return min_ratio + (1.0 - min_ratio) * half_cosine(progress)


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
    min_lr = at_least("min_lr", min_lr, 0)
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
