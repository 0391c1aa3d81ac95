"""Catalog rows for Part II's schedules, as Entry keyword arguments (entries.py builds them,
so this module needs nothing from it).

Kept apart so that entries.py stays small; each Part II notebook appends its rows here, in course
order. A `builder` named "transformers.<function>" is Hugging Face transformers' schedule
function; its `reference` in course_utils.schedules takes transformers' parameter names.
"""

from course_utils import schedules


def _warmup_then_cosine(n: int) -> list[dict]:
    warmup = max(1, n // 10)
    return [schedules.Child("LinearLR", start_factor=0.1, total_iters=warmup),
            schedules.Child("CosineAnnealingLR", T_max=n - warmup)]


def _warmup_times_exponential(n: int) -> list[dict]:
    return [schedules.Child("LinearLR", start_factor=0.1, total_iters=max(1, n // 10)),
            schedules.Child("ExponentialLR", gamma=0.98)]


PART2: tuple[dict, ...] = (
    # ---- 10_warm_restarts_and_cycles -------------------------------------------------------
    dict(
        name="CyclicLR",
        torch_class="CyclicLR",
        notebook="10_warm_restarts_and_cycles",
        when="Smith's cyclical lr: a band found by an lr range test, no decay schedule to tune",
        in_advance="the band (base_lr, max_lr) and step_size_up; stop at a cycle end",
        needs_total=False,
        step_unit="batch",
        params=("base_lr", "max_lr", "step_size_up", "step_size_down", "mode", "gamma",
                "cycle_momentum"),
        reference="cyclic_lr",
        budget=lambda n, b: {"base_lr": b / 10, "max_lr": b, "step_size_up": max(1, n // 4)},
        call="t_only",
    ),
    dict(
        name="Hard restarts (transformers)",
        torch_class="LambdaLR",
        notebook="10_warm_restarts_and_cycles",
        when="Hugging Face recipes: warmup, then num_cycles equal cosines fitted into the run",
        in_advance="warmup_steps, total_steps and num_cycles (1: no restart)",
        needs_total=True,
        step_unit="batch",
        params=("warmup_steps", "total_steps", "num_cycles"),
        reference="cosine_hard_restarts_lr",
        budget=lambda n, b: {"warmup_steps": n // 10, "total_steps": n, "num_cycles": 3},
        call="t_max_lr",
        builder="get_cosine_hard_restarts_scheduler",
    ),
    # ---- 11_composing_schedulers ----------------------------------------------------------
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
    # ---- 12_transformer_and_llm_schedules --------------------------------------------------
    {
        "name": "Noam / inverse sqrt",
        "torch_class": "LambdaLR",
        "builder": "transformers.get_inverse_sqrt_schedule",
        "notebook": "12_transformer_and_llm_schedules",
        "when": "the original Transformer (Vaswani et al.: base lr (d_model·W)^-0.5); "
                "long runs with no planned end",
        "in_advance": "the warmup only; no total length",
        "needs_total": False,
        "step_unit": "batch",
        "params": ("num_warmup_steps", "timescale"),
        "reference": "inverse_sqrt_lr",
        "budget": lambda n, b: {"num_warmup_steps": max(1, n // 10)},
    },
    {
        "name": "Linear decay with warmup",
        "torch_class": "LambdaLR",
        "builder": "transformers.get_linear_schedule_with_warmup",
        "notebook": "12_transformer_and_llm_schedules",
        "when": "the Trainer's default ('linear'); fine-tuning; linear decay to zero is the "
                "strong LLM baseline for a fixed budget (Bergsma et al. 2025)",
        "in_advance": "warmup and total, in optimizer steps after gradient accumulation",
        "needs_total": True,
        "step_unit": "batch",
        "params": ("num_warmup_steps", "num_training_steps"),
        "reference": "linear_with_warmup_lr",
        "budget": lambda n, b: {"num_warmup_steps": n // 10, "num_training_steps": n},
    },
    {
        "name": "transformers cosine",
        "torch_class": "LambdaLR",
        "builder": "transformers.get_cosine_schedule_with_warmup",
        "notebook": "12_transformer_and_llm_schedules",
        "when": "Trainer 'cosine': warmup + cosine to 0; not clamped past the end",
        "in_advance": "warmup and total, in optimizer steps",
        "needs_total": True,
        "step_unit": "batch",
        "params": ("num_warmup_steps", "num_training_steps", "num_cycles"),
        "reference": "cosine_with_warmup_lr",
        "budget": lambda n, b: {"num_warmup_steps": n // 10, "num_training_steps": n},
    },
    {
        "name": "transformers cosine, floor",
        "torch_class": "LambdaLR",
        "builder": "transformers.get_cosine_with_min_lr_schedule_with_warmup",
        "notebook": "12_transformer_and_llm_schedules",
        "when": "Trainer 'cosine_with_min_lr': the GPT-3 / Llama 2 recipe (cosine to 10 % of "
                "the peak)",
        "in_advance": "warmup, total, and the floor (min_lr_rate or min_lr)",
        "needs_total": True,
        "step_unit": "batch",
        "params": ("num_warmup_steps", "num_training_steps", "min_lr_rate"),
        "reference": "cosine_with_warmup_lr",
        "budget": lambda n, b: {"num_warmup_steps": n // 10, "num_training_steps": n,
                                "min_lr_rate": 0.1},
    },
    {
        "name": "WSD (warmup-stable-decay)",
        "torch_class": "LambdaLR",
        "builder": "transformers.get_wsd_schedule",
        "notebook": "12_transformer_and_llm_schedules",
        "when": "LLM pretraining (MiniCPM): no fixed budget, branch finished models from stable "
                "checkpoints, continue pretraining without re-warming",
        "in_advance": "warmup and decay lengths; when to start the decay can be decided late",
        "needs_total": False,
        "step_unit": "batch",
        "params": ("num_warmup_steps", "num_decay_steps", "num_training_steps", "decay_type",
                   "min_lr_ratio"),
        "reference": "wsd_schedule_lr",
        "budget": lambda n, b: {"num_warmup_steps": n // 10, "num_decay_steps": n // 5,
                                "num_training_steps": n},
    },
)
