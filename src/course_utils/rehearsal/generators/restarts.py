"""Generators for notebook 10: the lr under warm restarts (SGDR), when its restarts come, and
the CyclicLR lr at a step; torch answers each."""

import random

from course_utils.rehearsal.generators.base import BASE_LRS, Draft, g, generator, lr_oracle

TOPIC = "10_warm_restarts_and_cycles"


@generator("warm_restarts_lr", topic=TOPIC,
           taught_in=f"{TOPIC}#2.1 The formula: `T_0`, `T_mult`, `eta_min`")
def warm_restarts_question(rng: random.Random) -> Draft:
    """CosineAnnealingWarmRestarts: the lr after t steps, often near a restart."""
    b, T_0, T_mult = rng.choice(BASE_LRS), rng.randint(2, 20), rng.choice([1, 2, 2, 3])
    eta_min = rng.choice([0.0, 0.0, b / 100, b / 10])
    ends = [T_0 * (T_mult**k - 1) // (T_mult - 1) if T_mult > 1 else k * T_0 for k in (1, 2, 3)]
    end = rng.choice(ends)
    t = rng.choice([end, end - 1, end + 1, rng.randint(0, ends[-1])])
    return Draft(
        f"CosineAnnealingWarmRestarts(T_0={T_0}, T_mult={T_mult}, eta_min={g(eta_min)}), base lr "
        f"{g(b)}, stepped once per step: the lr after t = {t} steps?",
        lr_oracle("CosineAnnealingWarmRestarts", b, t, T_0=T_0, T_mult=T_mult, eta_min=eta_min),
        f"Cycle i lasts T_0·T_mult^i steps; find T_cur (steps since the last restart, up to "
        f"{t}) and T_i, then lr = η_min + (b − η_min)·(1 + cos(π·T_cur/T_i))/2.",
    )


@generator("warm_restarts_when", topic=TOPIC,
           taught_in=f"{TOPIC}#2.1 The formula: `T_0`, `T_mult`, `eta_min`")
def warm_restarts_when_question(rng: random.Random) -> Draft:
    """CosineAnnealingWarmRestarts: the step of the n-th restart."""
    # T_0 >= 2: with T_0 = 1 the first restart (step 1) is no jump, the lr is at its max already
    T_0, T_mult, n = rng.randint(2, 30), rng.choice([1, 2, 3]), rng.randint(1, 4)
    last = T_0 * (T_mult**n - 1) // (T_mult - 1) if T_mult > 1 else n * T_0
    oracle = {
        "scheduler": "CosineAnnealingWarmRestarts",
        "kind": "nth_rise",
        "n": n,
        "base_lr": 0.1,
        "n_steps": last + 1,
        "kwargs": {"T_0": T_0, "T_mult": T_mult},
    }
    ordinal = {1: "first", 2: "second", 3: "third", 4: "fourth"}[n]
    return Draft(
        f"CosineAnnealingWarmRestarts(T_0={T_0}, T_mult={T_mult}), stepped once per step: after "
        f"how many steps does the lr jump back to its maximum for the {ordinal} time?",
        oracle,
        "Cycle i lasts T_0·T_mult^i steps, so the k-th restart comes at their running sum: "
        "k·T_0 for T_mult = 1, else T_0·(T_mult^k − 1)/(T_mult − 1).",
        integer=True,
    )


@generator("cyclic_lr", topic=TOPIC,
           taught_in=f"{TOPIC}#4.2 Three modes: triangular, triangular2, exp_range")
def cyclic_lr_question(rng: random.Random) -> Draft:
    """CyclicLR: the lr after t steps, for one of its three modes."""
    max_lr = rng.choice([0.006, 0.01, 0.1, 0.05, 1e-3])
    base_lr = round(max_lr / rng.choice([4, 5, 10]), 10)
    up, mode = rng.choice([4, 10, 20, 50, 100, 2000]), rng.choice(
        ["triangular", "triangular2", "exp_range"])
    kwargs = {"base_lr": base_lr, "max_lr": max_lr, "step_size_up": up, "mode": mode}
    gamma_text = ""
    if mode == "exp_range":
        kwargs["gamma"] = rng.choice([0.99, 0.995, 0.999]) if up < 100 else 0.99994
        gamma_text = f", gamma={g(kwargs['gamma'])}"
    t = rng.choice([rng.randint(0, 3 * up), up * rng.randint(1, 3), up // 2 * rng.randint(1, 5)])
    return Draft(
        f"CyclicLR(base_lr={g(base_lr)}, max_lr={g(max_lr)}, step_size_up={up}, "
        f"mode='{mode}'{gamma_text}), stepped once per batch: the lr after t = {t} steps?",
        {"scheduler": "CyclicLR", "base_lr": base_lr, "t": t, "kwargs": kwargs},
        "A cycle is 2·step_size_up steps, base_lr → max_lr → base_lr; triangular2 halves the "
        "height (max_lr − base_lr) every cycle, exp_range multiplies it by gamma^t.",
    )
