"""Generators for notebook 11: SequentialLR's lr at t (often right at the milestone),
ChainedScheduler's lr at t, PolynomialLR's lr at t."""

import random

from course_utils.rehearsal.generators.base import BASE_LRS, Draft, g, generator, lr_oracle

TOPIC = "11_composing_schedulers"


def _child(name: str, **kwargs) -> dict:
    return {"scheduler": name, "kwargs": kwargs}


def _shown(child: dict) -> str:
    """LinearLR(start_factor=0.1, total_iters=5): a child as the question writes it."""
    args = ", ".join(f"{k}={g(v)}" for k, v in child["kwargs"].items())
    return f"{child['scheduler']}({args})"


def _warmup(rng: random.Random) -> dict:
    return rng.choice([
        _child("LinearLR", start_factor=rng.choice([0.01, 0.1, 0.25, 0.5]),
               total_iters=rng.randint(2, 20)),
        _child("ConstantLR", factor=rng.choice([0.1, 0.25, 0.5]), total_iters=rng.randint(2, 20)),
    ])


def _decay(rng: random.Random) -> dict:
    return rng.choice([
        _child("CosineAnnealingLR", T_max=rng.randint(10, 100)),
        _child("ExponentialLR", gamma=rng.choice([0.9, 0.95, 0.99])),
        _child("StepLR", step_size=rng.randint(3, 20), gamma=rng.choice([0.1, 0.5])),
    ])


@generator("sequential_lr", topic=TOPIC,
           taught_in=f"{TOPIC}#3. SequentialLR: one scheduler at a time")
def sequential_lr_question(rng: random.Random) -> Draft:
    """SequentialLR(warmup, decay) at step t; the milestone may differ from the warmup's end."""
    b, warmup, decay = rng.choice(BASE_LRS), _warmup(rng), _decay(rng)
    length = warmup["kwargs"]["total_iters"]
    milestone = rng.choice([length, length, rng.randint(1, 2 * length)])
    t = rng.choice([milestone - 1, milestone, milestone + 1, rng.randint(0, milestone + 40)])
    t = max(0, t)
    return Draft(
        f"SequentialLR([{_shown(warmup)}, {_shown(decay)}], milestones=[{milestone}]), base lr "
        f"{g(b)}: the lr after t = {t} steps?",
        lr_oracle("SequentialLR", b, t, schedulers=[warmup, decay], milestones=[milestone]),
        f"Before step {milestone} the first scheduler runs at step t; from it on the second runs "
        f"alone at its own step t − {milestone}, starting from the base lr {g(b)}.",
    )


@generator("chained_lr", topic=TOPIC,
           taught_in=f"{TOPIC}#4. ChainedScheduler: every scheduler at every step")
def chained_lr_question(rng: random.Random) -> Draft:
    """ChainedScheduler of two multiplying schedulers at step t: their factors multiply."""
    b, first = rng.choice(BASE_LRS), _warmup(rng)
    second = rng.choice([
        _child("ExponentialLR", gamma=rng.choice([0.9, 0.95, 0.99])),
        _child("StepLR", step_size=rng.randint(3, 20), gamma=rng.choice([0.1, 0.5])),
    ])
    t = rng.randint(0, 2 * first["kwargs"]["total_iters"] + 10)
    return Draft(
        f"ChainedScheduler([{_shown(first)}, {_shown(second)}]), base lr {g(b)}: the lr after "
        f"t = {t} steps?",
        lr_oracle("ChainedScheduler", b, t, schedulers=[first, second]),
        "Both step every time and both multiply the current lr, so their factors compound: "
        f"lr = {g(b)} · (first factor at t) · (second factor at t).",
    )


@generator("polynomial_lr", topic=TOPIC,
           taught_in=f"{TOPIC}#MultiplicativeLR, LinearLR, ConstantLR, PolynomialLR")
def polynomial_lr_question(rng: random.Random) -> Draft:
    """PolynomialLR at step t, sometimes past total_iters (0 from there on)."""
    b, total_iters = rng.choice(BASE_LRS), rng.choice([10, 20, 50, 100, 200])
    power = rng.choice([0.5, 0.9, 1.0, 2.0, 3.0])
    t = rng.choice([rng.randint(0, total_iters), rng.randint(0, total_iters + 20)])
    return Draft(
        f"PolynomialLR(total_iters={total_iters}, power={g(power)}), base lr {g(b)}: the lr after "
        f"t = {t} steps?",
        lr_oracle("PolynomialLR", b, t, total_iters=total_iters, power=power),
        f"lr = b·(1 − min(t, T)/T)^power = {g(b)}·(1 − {min(t, total_iters)}/{total_iters})"
        f"^{g(power)}.",
    )
