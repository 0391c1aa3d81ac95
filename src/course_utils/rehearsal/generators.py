"""Fresh numeric questions from random parameters, answered by torch at generation time."""

import random
from collections.abc import Callable

from course_utils.rehearsal.bank import DEFAULT_REL_TOL, format_number
from course_utils.rehearsal.oracle import evaluate

BASE_LRS = (0.1, 0.05, 0.01, 0.2, 0.001, 0.3)
GAMMAS = (0.1, 0.5, 0.2, 0.3, 0.25)


def _g(x: float) -> str:
    return f"{x:g}"


def _question(kind, topic, seed, text, oracle, explanation, integer=False) -> dict:
    """A numeric question in the bank's schema whose answer torch computes now."""
    value = evaluate(oracle)
    q = {
        "id": f"gen-{kind}-{seed}",
        "topic": topic,
        "type": "numeric",
        "question": text,
        "precision": 3,
        "answers": [
            {"type": "value", "value": value, "correct": True, "feedback": "Correct."},
            {"type": "default", "feedback": "Plug the numbers into the formula."},
        ],
        "explanation": explanation,
        "oracle": oracle,
        "generated": True,
        "rel_tol": 0.0 if integer else DEFAULT_REL_TOL,
    }
    if integer:
        q["abs_tol"] = 1e-9
    return q


def step_lr(rng: random.Random, seed) -> dict:
    """StepLR: the lr at epoch t."""
    b, step_size, gamma = rng.choice(BASE_LRS), rng.randint(2, 40), rng.choice(GAMMAS)
    t = rng.choice([rng.randint(0, 4 * step_size), step_size * rng.randint(1, 3)])
    oracle = {
        "scheduler": "StepLR",
        "base_lr": b,
        "t": t,
        "kwargs": {"step_size": step_size, "gamma": gamma},
    }
    text = (
        f"StepLR(step_size={step_size}, gamma={_g(gamma)}), base lr {_g(b)}, stepped once per "
        f"epoch: the lr at epoch {t}?"
    )
    expl = f"lr = b·γ^⌊t/step_size⌋ = {_g(b)}·{_g(gamma)}^{t // step_size}."
    return _question("step_lr", "01_step_lr", seed, text, oracle, expl)


def multistep_lr(rng: random.Random, seed) -> dict:
    """MultiStepLR: the lr at epoch t (often exactly at a milestone)."""
    b, gamma = rng.choice(BASE_LRS), rng.choice(GAMMAS)
    milestones = sorted(rng.sample(range(5, 120), rng.randint(2, 4)))
    t = rng.choice([rng.randint(0, milestones[-1] + 20), rng.choice(milestones)])
    oracle = {
        "scheduler": "MultiStepLR",
        "base_lr": b,
        "t": t,
        "kwargs": {"milestones": milestones, "gamma": gamma},
    }
    text = (
        f"MultiStepLR(milestones={milestones}, gamma={_g(gamma)}), base lr {_g(b)}: the lr "
        f"at epoch {t}?"
    )
    passed = sum(m <= t for m in milestones)
    expl = f"{passed} milestone(s) ≤ {t}: lr = {_g(b)}·{_g(gamma)}^{passed}."
    return _question("multistep_lr", "02_multistep_lr", seed, text, oracle, expl)


def exponential_lr(rng: random.Random, seed) -> dict:
    """ExponentialLR: the lr after t steps."""
    b, gamma, t = rng.choice(BASE_LRS), round(rng.uniform(0.8, 0.99), 2), rng.randint(1, 50)
    oracle = {"scheduler": "ExponentialLR", "base_lr": b, "t": t, "kwargs": {"gamma": gamma}}
    text = f"ExponentialLR(gamma={_g(gamma)}), base lr {_g(b)}: the lr after t = {t} steps?"
    expl = f"lr = b·γ^t = {_g(b)}·{_g(gamma)}^{t}."
    return _question("exponential_lr", "03_exponential_lr", seed, text, oracle, expl)


def cosine(rng: random.Random, seed) -> dict:
    """CosineAnnealingLR: the lr at step t, sometimes past T_max (not clamped)."""
    b, t_max = rng.choice(BASE_LRS), rng.randint(10, 200)
    eta_min = rng.choice([0.0, 0.0, b / 100, b / 10])
    t = rng.choice([rng.randint(0, t_max), rng.randint(0, 2 * t_max)])
    oracle = {
        "scheduler": "CosineAnnealingLR",
        "base_lr": b,
        "t": t,
        "kwargs": {"T_max": t_max, "eta_min": eta_min},
    }
    text = (
        f"CosineAnnealingLR(T_max={t_max}, eta_min={_g(eta_min)}), base lr {_g(b)}: the lr "
        f"after t = {t} steps?"
    )
    expl = (
        f"lr = η_min + (b − η_min)·(1 + cos(π·{t}/{t_max}))/2; torch does not clamp t at "
        "T_max (period 2·T_max)."
    )
    return _question("cosine", "04_cosine_annealing", seed, text, oracle, expl)


def warmup_cosine(rng: random.Random, seed) -> dict:
    """Linear warmup then cosine (SequentialLR of LinearLR and CosineAnnealingLR) at step t."""
    b, warmup_steps = rng.choice(BASE_LRS), rng.randint(2, 50)
    total_steps = warmup_steps + rng.randint(10, 500)
    start_factor = rng.choice([0.01, 0.1, 0.2, 0.5])
    t = rng.choice([rng.randint(0, warmup_steps), rng.randint(warmup_steps, total_steps)])
    kwargs = {
        "schedulers": [
            {
                "scheduler": "LinearLR",
                "kwargs": {"start_factor": start_factor, "total_iters": warmup_steps},
            },
            {"scheduler": "CosineAnnealingLR", "kwargs": {"T_max": total_steps - warmup_steps}},
        ],
        "milestones": [warmup_steps],
    }
    oracle = {"scheduler": "SequentialLR", "base_lr": b, "t": t, "kwargs": kwargs}
    text = (
        f"Warmup + cosine: SequentialLR([LinearLR(start_factor={_g(start_factor)}, "
        f"total_iters={warmup_steps}), CosineAnnealingLR(T_max={total_steps - warmup_steps})], "
        f"milestones=[{warmup_steps}]), base lr {_g(b)}: the lr after t = {t} steps?"
    )
    expl = (
        "Before the milestone: b·(s + (1 − s)·t/W); from it on the cosine starts at its own "
        "t' = t − W from b: b·(1 + cos(π·t'/(N − W)))/2."
    )
    return _question("warmup_cosine", "07_warmup_cosine", seed, text, oracle, expl)


def one_cycle_peak(rng: random.Random, seed) -> dict:
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
    text = (
        f"OneCycleLR(max_lr={_g(max_lr)}, total_steps={total_steps}, pct_start={_g(pct_start)})"
        ": at which step (counting from 0) is the lr highest?"
    )
    expl = f"Phase 1 ends at step pct_start·N − 1 = {_g(pct_start)}·{total_steps} − 1."
    return _question("one_cycle_peak", "06_one_cycle", seed, text, oracle, expl, integer=True)


def plateau_first_cut(rng: random.Random, seed) -> dict:
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
    text = (
        f"ReduceLROnPlateau(mode='min', factor={_g(factor)}, patience={patience}) gets these "
        f"validation losses, one step(loss) per epoch: {', '.join(map(_g, losses))}. On which "
        "call (counting from 1) is the lr first cut?"
    )
    expl = (
        "A loss is better only if below best·(1 − 1e-4); the cut comes on the call where the "
        f"count of consecutive non-improving calls exceeds patience = {patience}."
    )
    return _question(
        "plateau_first_cut", "05_reduce_on_plateau", seed, text, oracle, expl, integer=True
    )


# kind -> generator; every generator takes (rng, seed) and returns one question.
GENERATORS: dict[str, Callable[[random.Random, object], dict]] = {
    "step_lr": step_lr,
    "multistep_lr": multistep_lr,
    "exponential_lr": exponential_lr,
    "cosine": cosine,
    "plateau_first_cut": plateau_first_cut,
    "one_cycle_peak": one_cycle_peak,
    "warmup_cosine": warmup_cosine,
}
TOPIC_OF = {
    "step_lr": "01_step_lr",
    "multistep_lr": "02_multistep_lr",
    "exponential_lr": "03_exponential_lr",
    "cosine": "04_cosine_annealing",
    "plateau_first_cut": "05_reduce_on_plateau",
    "one_cycle_peak": "06_one_cycle",
    "warmup_cosine": "07_warmup_cosine",
}


def kinds_for(topic: str | None) -> list[str]:
    """Generator kinds for a topic (all kinds for None)."""
    return [k for k, t in TOPIC_OF.items() if topic in (None, t)]


def generate(kind: str, seed: int) -> dict:
    """One question of the given kind; the same (kind, seed) always gives the same question."""
    if kind not in GENERATORS:
        raise ValueError(f"unknown generator {kind!r}; choose one of: {', '.join(GENERATORS)}")
    return GENERATORS[kind](random.Random(f"{kind}:{seed}"), seed)


def describe(q: dict) -> str:
    """The generated question's answer as text (for logs and debugging)."""
    return format_number(q["answers"][0]["value"], 4)
