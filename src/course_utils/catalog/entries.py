"""The course's schedulers, one Entry each: what it is for, how it is stepped, where taught."""

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal, get_args

from course_utils.catalog.entries_part2 import PART2
from course_utils.course import check_name

StepUnit = Literal["epoch", "batch", "epoch or batch", "metric"]
Call = Literal["t_base", "t_only", "t_max_lr", "metrics"]
STEP_UNITS: tuple[str, ...] = get_args(StepUnit)
CALLS: tuple[str, ...] = get_args(Call)


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
            when no single torch class has the schedule's parameters (warmup + cosine), or
            "transformers.<function>" for Hugging Face transformers' schedule functions.
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
    step_unit: StepUnit
    params: tuple[str, ...]
    reference: str
    budget: Callable[[int, float], dict]
    call: Call = "t_base"
    builder: str | None = None
    lesson: str = ""
    fix: str = ""

    def __post_init__(self):
        check_name(self.notebook)
        if self.step_unit not in STEP_UNITS:
            raise ValueError(f"{self.name}: step_unit {self.step_unit!r} not in {STEP_UNITS}")
        if self.call not in CALLS:
            raise ValueError(f"{self.name}: call {self.call!r} not in {CALLS}")


CATALOG: tuple[Entry, ...] = (
    Entry(
        name="StepLR",
        torch_class="StepLR",
        notebook="01_step_lr",
        when="simple baseline; classic CNN recipes (cut 10x every 30 epochs)",
        in_advance="step_size only",
        needs_total=False,
        step_unit="epoch",
        params=("step_size", "gamma"),
        reference="step_lr",
        budget=lambda n, b: {"step_size": max(1, n // 3)},
    ),
    Entry(
        name="MultiStepLR",
        torch_class="MultiStepLR",
        notebook="02_multistep_lr",
        when="a known recipe with hand-picked drop points (ResNet/ImageNet: 30, 60 of 90 epochs)",
        in_advance="milestones, i.e. the run length",
        needs_total=True,
        step_unit="epoch",
        params=("milestones", "gamma"),
        reference="multistep_lr",
        budget=lambda n, b: {"milestones": [n // 2, 3 * n // 4]},
        lesson="90 epochs with drops at 30/60/90",
        fix=(
            "stepped over epochs 0-89, only 30 and 60 are reached: two drops; a milestone >= the "
            "number of steps taken never acts"
        ),
    ),
    Entry(
        name="ExponentialLR",
        torch_class="ExponentialLR",
        notebook="03_exponential_lr",
        when="smooth, steady decay by the same factor every step",
        in_advance="gamma; to land on lr_end after N steps, N",
        needs_total=False,
        step_unit="epoch",
        params=("gamma",),
        reference="exponential_lr",
        budget=lambda n, b: {"gamma": 0.01 ** (1 / n)},
        lesson="gamma (≈0.95–0.99)",
        fix=(
            "gamma is per step() call: choose it as (lr_end / lr_start) ** (1 / N); 0.95 stepped "
            "per batch collapses the lr within a few hundred steps"
        ),
    ),
    Entry(
        name="CosineAnnealingLR",
        torch_class="CosineAnnealingLR",
        notebook="04_cosine_annealing",
        when="strong default when the run length is known; decay half of warmup + cosine",
        in_advance="run length (T_max)",
        needs_total=True,
        step_unit="epoch or batch",
        params=("T_max", "eta_min"),
        reference="cosine_annealing_lr",
        budget=lambda n, b: {"T_max": n},
        lesson="T_max (total epochs)",
        fix=(
            "T_max counts step() calls: epochs if stepped per epoch, epochs x batches if per "
            "batch; past T_max the lr rises again (period 2*T_max); eta_min defaults to {eta_min}"
        ),
    ),
    Entry(
        name="ReduceLROnPlateau",
        torch_class="ReduceLROnPlateau",
        notebook="05_reduce_on_plateau",
        when="run length unknown; a reliable validation metric to watch",
        in_advance="nothing up front; a metric every step",
        needs_total=False,
        step_unit="metric",
        params=("mode", "factor", "patience", "threshold", "cooldown", "min_lr"),
        reference="reduce_on_plateau",
        budget=lambda n, b: {"factor": 0.5, "patience": max(1, n // 20)},
        call="metrics",
        lesson="patience, factor (the answer: 'halves the lr')",
        fix=(
            "factor defaults to {factor}, not 0.5; a cut comes on the (patience+1)-th call "
            "without improvement; step(metric) once per validation, mode='max' for accuracy"
        ),
    ),
    Entry(
        name="OneCycleLR",
        torch_class="OneCycleLR",
        notebook="06_one_cycle",
        when="fast training on a fixed budget (super-convergence), SGD or AdamW",
        in_advance="total_steps (or epochs x steps_per_epoch)",
        needs_total=True,
        step_unit="batch",
        params=("max_lr", "total_steps", "pct_start", "div_factor", "final_div_factor"),
        reference="one_cycle_lr",
        budget=lambda n, b: {"max_lr": b, "total_steps": n + 1},
        call="t_only",
        lesson="max_lr, pct_start",
        fix=(
            "also total_steps: exactly that many optimizer steps (ceil(batches / k) per epoch "
            "with accumulation over k batches; one more raises); the "
            "optimizer's lr is ignored, it starts at max_lr / div_factor "
            "(div_factor={div_factor}) and also cycles momentum"
        ),
    ),
    Entry(
        name="Warmup + cosine",
        torch_class="LambdaLR",
        notebook="07_warmup_cosine",
        when="Transformers and Adam from scratch; large batches",
        in_advance="warmup_steps and total_steps",
        needs_total=True,
        step_unit="batch",
        params=("warmup_steps", "total_steps", "min_lr"),
        reference="warmup_cosine_schedule",
        budget=lambda n, b: {"warmup_steps": n // 10, "total_steps": n},
        call="t_max_lr",
        builder="get_warmup_cosine_scheduler",
        lesson="warmup_steps",
        fix=(
            "no single torch class: LambdaLR (course: get_warmup_cosine_scheduler) or "
            "SequentialLR(LinearLR, CosineAnnealingLR); needs total_steps too, counted in "
            "optimizer steps; clamp past total_steps; lr = 0 at step 0 is a trade-off "
            "(transformers does the same); (step + 1)/W or LinearLR(start_factor=1/W) train "
            "from step 0"
        ),
    ),
    Entry(
        name="CosineAnnealingWarmRestarts",
        torch_class="CosineAnnealingWarmRestarts",
        notebook="10_warm_restarts_and_cycles",
        when="SGDR: periodic restarts, snapshots at each cycle end, no fixed end",
        in_advance=(
            "cycle length T_0 and growth T_mult; stop at a cycle end (k·T_0 steps, or "
            "T_0·(T_mult^k − 1)/(T_mult − 1) with T_mult > 1), or the run ends at a high lr"
        ),
        needs_total=False,
        step_unit="epoch or batch",
        params=("T_0", "T_mult", "eta_min"),
        reference="cosine_warm_restarts_lr",
        budget=lambda n, b: {"T_0": max(1, -(-n // 7)), "T_mult": 2},
    ),
    Entry(
        name="LinearLR",
        torch_class="LinearLR",
        notebook="07_warmup_cosine",
        when="linear warmup in front of another schedule (SequentialLR), or linear decay",
        in_advance="total_iters (the run length, as a decay)",
        needs_total=True,
        step_unit="epoch or batch",
        params=("start_factor", "end_factor", "total_iters"),
        reference="linear_lr",
        budget=lambda n, b: {"start_factor": 1.0, "end_factor": 0.01, "total_iters": n},
    ),
    *(Entry(**row) for row in PART2),  # the schedulers Part II teaches
)


def entry(name: str) -> Entry:
    """The catalog entry called `name` (or whose torch class is `name`)."""
    for item in CATALOG:
        if name == item.name or (name == item.torch_class and not item.builder):
            return item
    names = ", ".join(item.name for item in CATALOG)
    raise ValueError(f"no scheduler {name!r} in the catalog; choose one of: {names}")


def torch_class(item: Entry) -> type:
    """The torch.optim.lr_scheduler class that runs the entry's schedule (SWALR: swa_utils')."""
    from torch.optim import lr_scheduler, swa_utils

    for module in (lr_scheduler, swa_utils):
        if hasattr(module, item.torch_class):
            return getattr(module, item.torch_class)
    raise ValueError(f"{item.name}: torch.optim.lr_scheduler has no class {item.torch_class!r}")


def reference_function(item: Entry) -> Callable:
    """The closed form in course_utils.schedules for the entry."""
    from course_utils import schedules

    return getattr(schedules, item.reference)


def parameter_source(item: Entry) -> Callable:
    """Where the key parameters are declared: the builder if there is one, else the torch class."""
    if item.builder and item.builder.startswith("transformers."):
        from course_utils.hf_traces import hf_function

        return hf_function(item.builder)
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


