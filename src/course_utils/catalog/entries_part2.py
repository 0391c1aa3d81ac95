"""Catalog entries for the schedulers Part II teaches, as Entry keyword arguments (entries.py
builds the Entry objects, so this module needs nothing from it)."""

from course_utils import schedules


def _warmup_then_cosine(n: int) -> list[dict]:
    warmup = max(1, n // 10)
    return [schedules.Child("LinearLR", start_factor=0.1, total_iters=warmup),
            schedules.Child("CosineAnnealingLR", T_max=n - warmup)]


def _warmup_times_exponential(n: int) -> list[dict]:
    return [schedules.Child("LinearLR", start_factor=0.1, total_iters=max(1, n // 10)),
            schedules.Child("ExponentialLR", gamma=0.98)]


PART2: tuple[dict, ...] = (
    dict(
        name="LambdaLR",
        torch_class="LambdaLR",
        notebook="11_composing_schedulers",
        when="any schedule written as a factor of the base lr (transformers' warmup schedules "
             "are LambdaLRs)",
        in_advance="whatever the factor function needs (warmup + linear decay: W and N)",
        needs_total=True,
        step_unit="epoch or batch",
        params=("lr_lambda",),
        reference="lambda_lr",
        budget=lambda n, b: {"lr_lambda": schedules.WarmupLinearDecay(n // 10, n)},
    ),
    dict(
        name="MultiplicativeLR",
        torch_class="MultiplicativeLR",
        notebook="11_composing_schedulers",
        when="a per-step multiplier that may depend on the step (a constant one is "
             "ExponentialLR)",
        in_advance="the factor function only",
        needs_total=False,
        step_unit="epoch or batch",
        params=("lr_lambda",),
        reference="multiplicative_lr",
        budget=lambda n, b: {"lr_lambda": schedules.ConstantFactor(0.98)},
    ),
    dict(
        name="ConstantLR",
        torch_class="ConstantLR",
        notebook="11_composing_schedulers",
        when="a short phase at a reduced lr (a crude warmup), then the base lr",
        in_advance="total_iters, the length of the reduced phase",
        needs_total=False,
        step_unit="epoch or batch",
        params=("factor", "total_iters"),
        reference="constant_lr",
        budget=lambda n, b: {"factor": 0.5, "total_iters": n // 4},
    ),
    dict(
        name="PolynomialLR",
        torch_class="PolynomialLR",
        notebook="11_composing_schedulers",
        when="decay to exactly 0 at a known end; power 1 is linear decay, DeepLab's 'poly' "
             "uses 0.9",
        in_advance="total_iters (the run length)",
        needs_total=True,
        step_unit="epoch or batch",
        params=("total_iters", "power"),
        reference="polynomial_lr",
        budget=lambda n, b: {"total_iters": n, "power": 0.9},
    ),
    dict(
        name="SequentialLR",
        torch_class="SequentialLR",
        notebook="11_composing_schedulers",
        when="phases one after another (warmup, then decay): each child from its own step 0",
        in_advance="the milestones and each child's length",
        needs_total=True,
        step_unit="epoch or batch",
        params=("schedulers", "milestones"),
        reference="sequential_lr",
        builder="sequential_scheduler",
        budget=lambda n, b: {"schedulers": _warmup_then_cosine(n),
                             "milestones": [max(1, n // 10)]},
    ),
    dict(
        name="ChainedScheduler",
        torch_class="ChainedScheduler",
        notebook="11_composing_schedulers",
        when="two effects at once (a warmup over a decay): multiplying children compound",
        in_advance="each child's own parameters; the order matters when one overwrites",
        needs_total=False,
        step_unit="epoch or batch",
        params=("schedulers",),
        reference="chained_lr",
        builder="chained_scheduler",
        budget=lambda n, b: {"schedulers": _warmup_times_exponential(n)},
    ),
    dict(
        name="SWALR",
        torch_class="SWALR",
        notebook="11_composing_schedulers",
        when="the last phase of stochastic weight averaging: anneal to swa_lr, then hold it",
        in_advance="swa_lr and when SWA starts",
        needs_total=False,
        step_unit="epoch",
        params=("swa_lr", "anneal_epochs", "anneal_strategy"),
        reference="swalr_lr",
        budget=lambda n, b: {"swa_lr": b / 2, "anneal_epochs": max(1, n // 10)},
    ),
)
