"""Part II's schedulers for the catalog, as Entry keyword arguments (entries.py builds them)."""

PART2: tuple[dict, ...] = (
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
)
