"""Run a catalog entry: the course's closed form and torch's scheduler, step for step."""

import inspect
from collections.abc import Callable, Sequence

from course_utils.catalog.entries import Entry, parameter_source, reference_function


def _check_run(item: Entry, n_steps: int, metrics) -> None:
    if item.call == "metrics":
        if metrics is None:
            raise ValueError(f"{item.name} is driven by a metric: pass metrics=[...]")
    elif metrics is not None:
        raise ValueError(f"{item.name} takes no metrics")
    elif not isinstance(n_steps, int) or n_steps < 0:
        raise ValueError(f"n_steps must be an int >= 0, got {n_steps!r}")


def _torch_defaults(item: Entry, fn: Callable) -> dict[str, object]:
    """torch's defaults for the parameters the reference also takes (their defaults may differ)."""
    accepted = inspect.signature(fn).parameters
    return {
        name: p.default
        for name, p in inspect.signature(parameter_source(item)).parameters.items()
        if name in accepted and p.default is not inspect.Parameter.empty and p.default is not None
    }


Metrics = Sequence[float] | None


def reference_lrs(item: Entry, base_lr: float, /, n_steps: int = 0, metrics: Metrics = None,
                  **kwargs) -> list[float]:
    """lr after t = 0 .. n_steps steps (or after each metric) from the course's closed form.

    kwargs are the torch scheduler's keyword arguments (see Entry.budget for examples; CyclicLR's
    own base_lr is one of them); omitted ones take torch's defaults, so both sides run the same
    schedule.
    """
    _check_run(item, n_steps, metrics)
    fn = reference_function(item)
    kwargs = {**_torch_defaults(item, fn), **kwargs}
    if item.call == "metrics":
        return [base_lr, *fn(list(metrics), base_lr, **kwargs)]
    if item.call == "t_only":
        return [fn(t, **kwargs) for t in range(n_steps + 1)]
    if item.call == "t_max_lr":
        return [fn(t, max_lr=base_lr, **kwargs) for t in range(n_steps + 1)]
    return [fn(t, base_lr, **kwargs) for t in range(n_steps + 1)]


def torch_lrs(item: Entry, base_lr: float, /, n_steps: int = 0, metrics: Metrics = None,
              **kwargs) -> list[float]:
    """The same trace from torch: the real scheduler (or the builder's) run on an optimizer."""
    from course_utils.torch_traces import lr_trace

    _check_run(item, n_steps, metrics)
    make = parameter_source(item)
    return lr_trace(lambda opt: make(opt, **kwargs), base_lr, n_steps, metrics=metrics)
