"""Catalog rows for Part II's schedules, as Entry keyword arguments (entries.py builds them).

Kept apart so that entries.py stays small and each Part II notebook appends its rows here. A
`builder` named "transformers.<function>" is Hugging Face transformers' schedule function; its
`reference` in course_utils.schedules takes transformers' parameter names.
"""

PART2: tuple[dict, ...] = (
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
