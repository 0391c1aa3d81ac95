"""Generators for notebooks 01 to 07: the lr of each classic schedule, OneCycle's peak, the
first ReduceLROnPlateau cut."""

import random

from course_utils.rehearsal.generators.base import (
    BASE_LRS,
    GAMMAS,
    Draft,
    g,
    generator,
    lr_oracle,
)


@generator("step_lr", topic="01_step_lr", taught_in="01_step_lr#2. The formula")
def step_lr_question(rng: random.Random) -> Draft:
    """StepLR: the lr at epoch t."""
    b, step_size, gamma = rng.choice(BASE_LRS), rng.randint(2, 40), rng.choice(GAMMAS)
    t = rng.choice([rng.randint(0, 4 * step_size), step_size * rng.randint(1, 3)])
    return Draft(
        f"StepLR(step_size={step_size}, gamma={g(gamma)}), base lr {g(b)}, stepped once per "
        f"epoch: the lr at epoch {t}?",
        lr_oracle("StepLR", b, t, step_size=step_size, gamma=gamma),
        f"lr = b·γ^⌊t/step_size⌋ = {g(b)}·{g(gamma)}^{t // step_size}.",
    )


@generator("multistep_lr", topic="02_multistep_lr", taught_in="02_multistep_lr#2. The formula")
def multistep_lr_question(rng: random.Random) -> Draft:
    """MultiStepLR: the lr at epoch t (often exactly at a milestone)."""
    b, gamma = rng.choice(BASE_LRS), rng.choice(GAMMAS)
    milestones = sorted(rng.sample(range(5, 120), rng.randint(2, 4)))
    t = rng.choice([rng.randint(0, milestones[-1] + 20), rng.choice(milestones)])
    passed = sum(m <= t for m in milestones)
    return Draft(
        f"MultiStepLR(milestones={milestones}, gamma={g(gamma)}), base lr {g(b)}: the lr "
        f"at epoch {t}?",
        lr_oracle("MultiStepLR", b, t, milestones=milestones, gamma=gamma),
        f"{passed} milestone(s) ≤ {t}: lr = {g(b)}·{g(gamma)}^{passed}.",
    )


@generator("exponential_lr", topic="03_exponential_lr",
           taught_in="03_exponential_lr#2. The formula")
def exponential_lr_question(rng: random.Random) -> Draft:
    """ExponentialLR: the lr after t steps."""
    b, gamma, t = rng.choice(BASE_LRS), round(rng.uniform(0.8, 0.99), 2), rng.randint(1, 50)
    return Draft(
        f"ExponentialLR(gamma={g(gamma)}), base lr {g(b)}: the lr after t = {t} steps?",
        lr_oracle("ExponentialLR", b, t, gamma=gamma),
        f"lr = b·γ^t = {g(b)}·{g(gamma)}^{t}.",
    )


@generator("cosine", topic="04_cosine_annealing",
           taught_in="04_cosine_annealing#7.1 torch's cosine does not stop at `T_max`")
def cosine_question(rng: random.Random) -> Draft:
    """CosineAnnealingLR: the lr at step t, sometimes past T_max (not clamped)."""
    b, t_max = rng.choice(BASE_LRS), rng.randint(10, 200)
    eta_min = rng.choice([0.0, 0.0, b / 100, b / 10])
    t = rng.choice([rng.randint(0, t_max), rng.randint(0, 2 * t_max)])
    return Draft(
        f"CosineAnnealingLR(T_max={t_max}, eta_min={g(eta_min)}), base lr {g(b)}: the lr "
        f"after t = {t} steps?",
        lr_oracle("CosineAnnealingLR", b, t, T_max=t_max, eta_min=eta_min),
        f"lr = η_min + (b − η_min)·(1 + cos(π·{t}/{t_max}))/2; torch does not clamp t at "
        "T_max (period 2·T_max).",
    )


@generator("plateau_first_cut", topic="05_reduce_on_plateau",
           taught_in="05_reduce_on_plateau#2. The rule, exactly as torch implements it")
def plateau_first_cut_question(rng: random.Random) -> Draft:
    """ReduceLROnPlateau: the call on which the lr is first cut, for a given loss sequence."""
    patience, factor = rng.randint(1, 4), rng.choice([0.1, 0.5])
    losses, best = [], 1.0
    for _ in range(rng.randint(2, 5)):
        best = round(best * rng.uniform(0.7, 0.9), 3)
        losses.append(best)
    while len(losses) < 8 + 2 * patience:
        if rng.random() < 0.2:
            best = round(best * rng.uniform(0.7, 0.9), 3)
            losses.append(best)
        else:
            losses.append(round(best * rng.uniform(1.0, 1.1), 3))
    losses += [losses[-1]] * (patience + 1)  # a cut is guaranteed by the end
    oracle = {
        "scheduler": "ReduceLROnPlateau",
        "kind": "first_cut",
        "base_lr": 0.1,
        "metrics": losses,
        "kwargs": {"factor": factor, "patience": patience},
    }
    return Draft(
        f"ReduceLROnPlateau(mode='min', factor={g(factor)}, patience={patience}) gets these "
        f"validation losses, one step(loss) per epoch: {', '.join(map(g, losses))}. On which "
        "call (counting from 1) is the lr first cut?",
        oracle,
        "A loss is better only if below best·(1 − 1e-4); the cut comes on the call where the "
        f"count of consecutive non-improving calls exceeds patience = {patience}.",
        integer=True,
    )


@generator("one_cycle_peak", topic="06_one_cycle", taught_in="06_one_cycle#2. The formula")
def one_cycle_peak_question(rng: random.Random) -> Draft:
    """OneCycleLR: the step at which the lr peaks."""
    total_steps = rng.choice([100, 200, 300, 500, 1000])
    pct_start = rng.choice([0.1, 0.2, 0.25, 0.3, 0.4, 0.5])
    max_lr = rng.choice(BASE_LRS)
    oracle = {
        "scheduler": "OneCycleLR",
        "kind": "argmax",
        "base_lr": max_lr,
        "n_steps": total_steps - 1,
        "kwargs": {"max_lr": max_lr, "total_steps": total_steps, "pct_start": pct_start},
    }
    return Draft(
        f"OneCycleLR(max_lr={g(max_lr)}, total_steps={total_steps}, pct_start={g(pct_start)})"
        ": at which step (counting from 0) is the lr highest?",
        oracle,
        f"Phase 1 ends at step pct_start·N − 1 = {g(pct_start)}·{total_steps} − 1.",
        integer=True,
    )


@generator("warmup_cosine", topic="07_warmup_cosine", taught_in="07_warmup_cosine#3. In PyTorch")
def warmup_cosine_question(rng: random.Random) -> Draft:
    """Linear warmup then cosine (SequentialLR of LinearLR and CosineAnnealingLR) at step t."""
    b, warmup_steps = rng.choice(BASE_LRS), rng.randint(2, 50)
    total_steps = warmup_steps + rng.randint(10, 500)
    start_factor = rng.choice([0.01, 0.1, 0.2, 0.5])
    t = rng.choice([rng.randint(0, warmup_steps), rng.randint(warmup_steps, total_steps)])
    warmup = {"scheduler": "LinearLR",
              "kwargs": {"start_factor": start_factor, "total_iters": warmup_steps}}
    decay = {"scheduler": "CosineAnnealingLR", "kwargs": {"T_max": total_steps - warmup_steps}}
    return Draft(
        f"Warmup + cosine: SequentialLR([LinearLR(start_factor={g(start_factor)}, "
        f"total_iters={warmup_steps}), CosineAnnealingLR(T_max={total_steps - warmup_steps})], "
        f"milestones=[{warmup_steps}]), base lr {g(b)}: the lr after t = {t} steps?",
        lr_oracle("SequentialLR", b, t, schedulers=[warmup, decay], milestones=[warmup_steps]),
        "Before the milestone: b·(s + (1 − s)·t/W); from it on the cosine starts at its own "
        "t' = t − W from b: b·(1 + cos(π·t'/(N − W)))/2.",
    )
