"""The course's schedulers in one catalog; the comparison table is rendered from it and torch."""

import html
import inspect
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

__all__ = [
    "CATALOG",
    "REQUIRED",
    "STEP_UNITS",
    "Entry",
    "corrections_markdown",
    "entry",
    "key_parameters",
    "parameter_source",
    "reference_function",
    "reference_lrs",
    "show_corrections",
    "show_table",
    "table_html",
    "table_markdown",
    "table_rows",
    "torch_class",
    "torch_lrs",
]

STEP_UNITS = ("epoch", "batch", "epoch or batch", "metric")
CALLS = ("t_base", "t_only", "t_max_lr", "metrics")
COLUMNS = (
    "Scheduler (torch class)",
    "When to use",
    "Must know in advance",
    "step() once per",
    "Key parameters (torch defaults)",
    "Course",
)


class _Required:
    """Marks a parameter without a default."""

    def __repr__(self) -> str:
        return "REQUIRED"


REQUIRED = _Required()


@dataclass(frozen=True)
class Entry:
    """One scheduler: what it is for, how it is stepped, and where the course covers it.

    Args:
        torch_class: attribute of torch.optim.lr_scheduler that runs the schedule.
        builder: name of a course_utils.schedules function that builds the torch scheduler,
            when no single torch class has the schedule's parameters (warmup + cosine).
        needs_total: whether the total training length must be fixed before training.
        params: key parameter names; their defaults are read from torch (or the builder).
        reference: closed form in course_utils.schedules.
        call: how the reference is called: fn(t, base_lr, **kw) 't_base', fn(t, **kw) 't_only',
            fn(t, max_lr=base_lr, **kw) 't_max_lr', fn(metrics, base_lr, **kw) 'metrics'.
        budget: torch keyword arguments for a run of total_steps steps at base_lr.
        lesson, fix: what the lesson's table said when wrong or vague, and the correction
            (`{param}` in fix is replaced by that parameter's default read from torch).
    """

    name: str
    torch_class: str
    notebook: str
    when: str
    in_advance: str
    needs_total: bool
    step_unit: str
    params: tuple[str, ...]
    reference: str
    budget: Callable[[int, float], dict]
    call: str = "t_base"
    builder: str | None = None
    lesson: str = ""
    fix: str = ""


CATALOG: tuple[Entry, ...] = (
    Entry(
        "StepLR", "StepLR", "01_step_lr",
        "simple baseline; classic CNN recipes (cut 10x every 30 epochs)",
        "step_size only", False, "epoch", ("step_size", "gamma"), "step_lr",
        lambda n, b: {"step_size": max(1, n // 3)},
    ),
    Entry(
        "MultiStepLR", "MultiStepLR", "02_multistep_lr",
        "a known recipe with hand-picked drop points (ResNet/ImageNet: 30, 60 of 90 epochs)",
        "milestones, i.e. the run length", True, "epoch", ("milestones", "gamma"),
        "multistep_lr", lambda n, b: {"milestones": [n // 2, 3 * n // 4]},
        lesson="90 epochs with drops at 30/60/90",
        fix="stepped over epochs 0-89, only 30 and 60 are reached: two drops; "
        "a milestone >= the number of steps taken never acts",
    ),
    Entry(
        "ExponentialLR", "ExponentialLR", "03_exponential_lr",
        "smooth, steady decay by the same factor every step",
        "gamma; to land on lr_end after N steps, N", False, "epoch", ("gamma",),
        "exponential_lr", lambda n, b: {"gamma": 0.01 ** (1 / n)},
        lesson="gamma (≈0.95–0.99)",
        fix="gamma is per step() call: choose it as (lr_end / lr_start) ** (1 / N); "
        "0.95 stepped per batch collapses the lr within a few hundred steps",
    ),
    Entry(
        "CosineAnnealingLR", "CosineAnnealingLR", "04_cosine_annealing",
        "strong default when the run length is known; decay half of warmup + cosine",
        "run length (T_max)", True, "epoch or batch", ("T_max", "eta_min"),
        "cosine_annealing_lr", lambda n, b: {"T_max": n},
        lesson="T_max (total epochs)",
        fix="T_max counts step() calls: epochs if stepped per epoch, epochs x batches if "
        "per batch; past T_max the lr rises again (period 2*T_max); eta_min defaults to "
        "{eta_min}",
    ),
    Entry(
        "ReduceLROnPlateau", "ReduceLROnPlateau", "05_reduce_on_plateau",
        "run length unknown; a reliable validation metric to watch",
        "nothing up front; a metric every step", False, "metric",
        ("mode", "factor", "patience", "threshold", "cooldown", "min_lr"),
        "reduce_on_plateau", lambda n, b: {"factor": 0.5, "patience": max(1, n // 20)},
        call="metrics",
        lesson="patience, factor (the answer: 'halves the lr')",
        fix="factor defaults to {factor}, not 0.5; a cut comes on the (patience+1)-th "
        "call without improvement; step(metric) once per validation, mode='max' for accuracy",
    ),
    Entry(
        "OneCycleLR", "OneCycleLR", "06_one_cycle",
        "fast training on a fixed budget (super-convergence), SGD or AdamW",
        "total_steps (or epochs x steps_per_epoch)", True, "batch",
        ("max_lr", "total_steps", "pct_start", "div_factor", "final_div_factor"),
        "one_cycle_lr", lambda n, b: {"max_lr": b, "total_steps": n + 1}, call="t_only",
        lesson="max_lr, pct_start",
        fix="also total_steps: exactly that many per-batch steps (one more raises); "
        "the optimizer's lr is ignored, it starts at max_lr / div_factor "
        "(div_factor={div_factor}) and also cycles momentum",
    ),
    Entry(
        "Warmup + cosine", "LambdaLR", "07_warmup_cosine",
        "Transformers and Adam from scratch; large batches",
        "warmup_steps and total_steps", True, "batch",
        ("warmup_steps", "total_steps", "min_lr"),
        "warmup_cosine_schedule", lambda n, b: {"warmup_steps": n // 10, "total_steps": n},
        call="t_max_lr", builder="get_warmup_cosine_scheduler",
        lesson="warmup_steps",
        fix="no single torch class: LambdaLR (course: get_warmup_cosine_scheduler) or "
        "SequentialLR(LinearLR, CosineAnnealingLR); needs total_steps too, counted in "
        "optimizer steps; clamp past total_steps",
    ),
    Entry(
        "CosineAnnealingWarmRestarts", "CosineAnnealingWarmRestarts", "04_cosine_annealing",
        "SGDR: periodic restarts, snapshots at each cycle end, no fixed end",
        "cycle length T_0 (and growth T_mult)", False, "epoch or batch",
        ("T_0", "T_mult", "eta_min"), "cosine_warm_restarts_lr",
        lambda n, b: {"T_0": max(1, -(-n // 7)), "T_mult": 2},  # ends late in cycle 3
    ),
    Entry(
        "LinearLR", "LinearLR", "07_warmup_cosine",
        "linear warmup in front of another schedule (SequentialLR), or linear decay",
        "total_iters (the run length, as a decay)", True, "epoch or batch",
        ("start_factor", "end_factor", "total_iters"), "linear_lr",
        lambda n, b: {"start_factor": 1.0, "end_factor": 0.01, "total_iters": n},
    ),
)


def entry(name: str) -> Entry:
    """The catalog entry called `name` (or whose torch class is `name`)."""
    for item in CATALOG:
        if name == item.name or (name == item.torch_class and not item.builder):
            return item
    names = ", ".join(item.name for item in CATALOG)
    raise ValueError(f"no scheduler {name!r} in the catalog; choose one of: {names}")


def torch_class(item: Entry) -> type:
    """The torch.optim.lr_scheduler class that runs the entry's schedule."""
    from torch.optim import lr_scheduler

    try:
        return getattr(lr_scheduler, item.torch_class)
    except AttributeError:
        raise ValueError(
            f"{item.name}: torch.optim.lr_scheduler has no class {item.torch_class!r}"
        ) from None


def reference_function(item: Entry) -> Callable:
    """The closed form in course_utils.schedules for the entry."""
    from course_utils import schedules

    return getattr(schedules, item.reference)


def parameter_source(item: Entry) -> Callable:
    """Where the key parameters are declared: the builder if there is one, else the torch class."""
    if item.builder:
        from course_utils import schedules

        return getattr(schedules, item.builder)
    return torch_class(item)


def key_parameters(item: Entry) -> dict[str, object]:
    """Key parameter -> default, read now from the torch signature (REQUIRED if none)."""
    signature = inspect.signature(parameter_source(item))
    out = {}
    for name in item.params:
        if name not in signature.parameters:
            raise ValueError(f"{item.name}: {name!r} is not a parameter of {signature}")
        default = signature.parameters[name].default
        out[name] = REQUIRED if default is inspect.Parameter.empty else default
    return out


def _show_default(value) -> str:
    """repr, shortened for long floats (1/3 shows as 0.3333)."""
    text = repr(value)
    return f"{value:.4g}" if isinstance(value, float) and len(text) > 8 else text


def _format_parameters(item: Entry) -> str:
    parts = []
    for name, default in key_parameters(item).items():
        parts.append(f"`{name}`" if default is REQUIRED else f"`{name}={_show_default(default)}`")
    return ", ".join(parts)


def _fix_text(item: Entry) -> str:
    defaults = {name: _show_default(value) for name, value in key_parameters(item).items()}
    return item.fix.format(**defaults)


def table_rows(entries: Iterable[Entry] = CATALOG) -> list[dict[str, str]]:
    """One dict per entry, keyed by COLUMNS, every cell plain text with `code` marks."""
    rows = []
    for item in entries:
        torch_name = torch_class(item).__name__  # resolved now: a renamed class fails here
        if torch_name != item.name:
            via = f" via `{item.builder}`" if item.builder else ""
            torch_name = f"{item.name}: {torch_name}{via}"
        cells = (
            torch_name,
            item.when,
            item.in_advance,
            item.step_unit,
            _format_parameters(item),
            f"{item.notebook}, `schedules.{item.reference}`",
        )
        rows.append(dict(zip(COLUMNS, cells, strict=True)))
    return rows


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def table_markdown(entries: Iterable[Entry] = CATALOG) -> str:
    """The comparison table as a markdown pipe table."""
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    for row in table_rows(entries):
        lines.append("| " + " | ".join(_md_cell(row[c]) for c in COLUMNS) + " |")
    return "\n".join(lines)


def _html_cell(text: str) -> str:
    """Escape, then turn `code` spans into <code>."""
    pieces = html.escape(text).split("`")
    return "".join(f"<code>{p}</code>" if i % 2 else p for i, p in enumerate(pieces))


def table_html(entries: Iterable[Entry] = CATALOG) -> str:
    """The comparison table as an HTML table."""
    head = "".join(f"<th>{html.escape(c)}</th>" for c in COLUMNS)
    body = "".join(
        "<tr>" + "".join(f"<td>{_html_cell(row[c])}</td>" for c in COLUMNS) + "</tr>"
        for row in table_rows(entries)
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def corrections_markdown(entries: Iterable[Entry] = CATALOG) -> str:
    """What the lesson's table said, and the correction, for every entry it got wrong or vague."""
    lines = ["| Scheduler | The lesson said | Correct |", "|---|---|---|"]
    for item in entries:
        if item.lesson:
            cells = (item.name, item.lesson, _fix_text(item))
            lines.append("| " + " | ".join(_md_cell(c) for c in cells) + " |")
    return "\n".join(lines)


def show_table(fmt: str = "markdown", entries: Iterable[Entry] = CATALOG):
    """Display the comparison table in a notebook (fmt 'markdown' or 'html')."""
    from IPython.display import HTML, Markdown, display

    if fmt == "markdown":
        display(Markdown(table_markdown(entries)))
    elif fmt == "html":
        display(HTML(table_html(entries)))
    else:
        raise ValueError(f"fmt must be 'markdown' or 'html', got {fmt!r}")


def show_corrections(entries: Iterable[Entry] = CATALOG):
    """Display the corrections to the lesson's table in a notebook."""
    from IPython.display import Markdown, display

    display(Markdown(corrections_markdown(entries)))


def _check_run(item: Entry, n_steps: int, metrics: Sequence[float] | None) -> None:
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


def reference_lrs(
    item: Entry,
    base_lr: float,
    n_steps: int = 0,
    metrics: Sequence[float] | None = None,
    **kwargs,
) -> list[float]:
    """lr after t = 0 .. n_steps steps (or after each metric) from the course's closed form.

    kwargs are the torch scheduler's keyword arguments (see Entry.budget for examples);
    omitted ones take torch's defaults, so both sides run the same schedule.
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


def torch_lrs(
    item: Entry,
    base_lr: float,
    n_steps: int = 0,
    metrics: Sequence[float] | None = None,
    **kwargs,
) -> list[float]:
    """The same trace from torch: the real scheduler (or the builder's) run on an optimizer."""
    from course_utils.torch_traces import lr_trace

    _check_run(item, n_steps, metrics)
    make = parameter_source(item)
    return lr_trace(lambda opt: make(opt, **kwargs), base_lr, n_steps, metrics=metrics)
