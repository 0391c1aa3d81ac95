"""What every exercise's oracle needs: a case's arguments by name, and torch's lr at a step.

The torch runs themselves are torch_traces' wrappers, called with the exercise's parameter
names; each is cached, so a parameter set costs one torch run however many steps are asked.
"""

import inspect
from collections.abc import Callable, Sequence

from course_utils.cases import Case


def bind(fn: Callable, case: Case) -> dict:
    """The case's arguments by `fn`'s parameter names, with its defaults filled in."""
    bound = inspect.signature(fn).bind(*case.args, **case.kwargs)
    bound.apply_defaults()
    return dict(bound.arguments)


def call_text(fn: Callable, case: Case) -> str:
    """`cosine_lr(step=3, total_steps=10)`: the call as the check made it (defaults left out)."""
    params = list(inspect.signature(fn).parameters)
    parts = [f"{p}={v!r}" for p, v in zip(params, case.args, strict=False)]
    parts += [f"{k}={v!r}" for k, v in case.kwargs.items()]
    text = f"{fn.__name__}({', '.join(parts)})"
    return f"{text}  [{case.label}]" if case.label else text


def cases_of(fn: Callable, scale: str, label: str, *calls: tuple) -> list[Case]:
    """A Case per argument tuple in `calls`, all labelled `label`; the tolerance scale is the
    value of fn's `scale` argument (its default when the tuple leaves it out)."""
    cases = []
    for args in calls:
        size = bind(fn, Case(args, 1.0))[scale]
        cases.append(Case(tuple(args), size, label))
    return cases


def _frozen(value):
    """Lists as tuples, so that argument values can key a cache."""
    return tuple(_frozen(v) for v in value) if isinstance(value, list | tuple) else value


def lr_at(cases: Sequence[Case], fn: Callable, trace: Callable, at: str) -> list[float]:
    """torch's lr for each case: trace(**the case's other arguments, n_steps=...)[its `at`].

    `trace` is a torch_traces wrapper taking fn's parameters (except `at`) and n_steps; each
    distinct set of them is run once, as far as the latest step any case asks for.
    """
    calls = []
    for case in cases:
        args = {name: _frozen(value) for name, value in bind(fn, case).items()}
        t = args.pop(at)
        calls.append((tuple(args.items()), t))
    longest: dict[tuple, int] = {}
    for key, t in calls:
        longest[key] = max(longest.get(key, 0), t)
    return [trace(**dict(key), n_steps=longest[key])[t] for key, t in calls]


def clamp_source(periodic: float) -> str:
    """The source of an expected min_lr past total_steps, for check messages: the course's
    rule, with what torch's periodic cosine gives there instead."""
    return (f"the course's clamp: min_lr from total_steps on; torch's periodic cosine gives "
            f"{periodic:.10g}")


WARMUP_START = "the course's rule: lr 0 at step 0 of a warmup"
