"""Run Hugging Face transformers' own schedule functions and record the lr they set.

The oracle for notebook 12's exercises and explorers, and for notebook 10's hard restarts:
transformers' functions return a torch LambdaLR, run here on torch_traces' one-parameter
optimizer. Importing transformers reads no
network (HF_HUB_OFFLINE is set first, and nothing here loads a model). Each wrapper is cached
and named by the exercise's parameters; each returns the lrs for t = 0 .. n_steps.
"""

import os
from collections.abc import Callable
from functools import lru_cache

from course_utils.torch_traces import lr_trace, make_optimizer

HF_PREFIX = "transformers."


def hf_function(name: str) -> Callable:
    """transformers.optimization.<name> (e.g. "get_wsd_schedule"); ValueError if unknown.

    A "transformers." prefix is accepted and dropped.
    """
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # a schedule needs no hub: never reach it
    from transformers import optimization

    short = name.removeprefix(HF_PREFIX)
    fn = getattr(optimization, short, None)
    if not (short.startswith("get_") and callable(fn)):
        raise ValueError(f"transformers.optimization has no schedule function {short!r}")
    return fn


def scheduler_types() -> tuple[str, ...]:
    """The Trainer's `lr_scheduler_type` names, read from transformers' SchedulerType enum."""
    hf_function("get_scheduler")  # the same offline import
    from transformers.trainer_utils import SchedulerType

    return tuple(member.value for member in SchedulerType)


def build_hf_scheduler(optimizer, name: str, **kwargs):
    """transformers.<name>(optimizer, **kwargs): a torch LambdaLR."""
    return hf_function(name)(optimizer, **kwargs)


def hf_trace(name: str, base_lr: float, n_steps: int, **kwargs) -> list[float]:
    """lr after t = 0 .. n_steps steps of transformers.<name>(optimizer, **kwargs) on base_lr."""
    return lr_trace(lambda opt: build_hf_scheduler(opt, name, **kwargs), base_lr, n_steps)


def hf_curve(name: str, base_lr: float, steps, **kwargs) -> list[float]:
    """base_lr × transformers.<name>'s LambdaLR factor at each of `steps`: the lr the scheduler
    sets after that many steps, without stepping through the ones in between (for plots)."""
    scheduler = build_hf_scheduler(make_optimizer([base_lr]), name, **kwargs)
    (factor,) = scheduler.lr_lambdas
    return [base_lr * factor(t) for t in steps]


# ---- one cached wrapper per exercise, named by its parameters ---------------------------------


@lru_cache(maxsize=256)
def noam_trace(d_model: float, warmup_steps: int, factor: float,
               n_steps: int) -> tuple[float, ...]:
    """Vaswani et al.'s schedule as transformers runs it: get_inverse_sqrt_schedule(
    num_warmup_steps=warmup_steps) on the base lr factor·(d_model·warmup_steps)^-0.5."""
    base_lr = factor * (d_model * warmup_steps) ** -0.5
    return tuple(hf_trace("get_inverse_sqrt_schedule", base_lr, n_steps,
                          num_warmup_steps=warmup_steps))


@lru_cache(maxsize=256)
def wsd_trace(total_steps: int, warmup_steps: int, decay_steps: int, max_lr: float,
              min_lr: float, decay_type: str, n_steps: int) -> tuple[float, ...]:
    """get_wsd_schedule(num_warmup_steps, num_decay_steps, num_training_steps=total_steps,
    decay_type, min_lr_ratio=min_lr / max_lr) on the base lr max_lr."""
    return tuple(hf_trace("get_wsd_schedule", max_lr, n_steps, num_warmup_steps=warmup_steps,
                          num_decay_steps=decay_steps, num_training_steps=total_steps,
                          decay_type=decay_type, min_lr_ratio=min_lr / max_lr))


@lru_cache(maxsize=256)
def hard_restarts_trace(
    warmup_steps: int, total_steps: int, num_cycles: float, max_lr: float, n_steps: int
) -> tuple[float, ...]:
    """get_cosine_with_hard_restarts_schedule_with_warmup(num_warmup_steps=warmup_steps,
    num_training_steps=total_steps, num_cycles) on base lr max_lr."""
    from transformers.optimization import get_cosine_with_hard_restarts_schedule_with_warmup

    def make(optimizer):
        return get_cosine_with_hard_restarts_schedule_with_warmup(
            optimizer, num_warmup_steps=warmup_steps, num_training_steps=total_steps,
            num_cycles=num_cycles,
        )

    return tuple(lr_trace(make, max_lr, n_steps))
