"""Generators for notebook 12: the Noam schedule's peak and its lr at a step, WSD's lr at a step;
each answered by running transformers' own schedule function on a torch optimizer."""

import random

from course_utils.rehearsal.generators.base import Draft, g, generator, lr_oracle

TOPIC = "12_transformer_and_llm_schedules"
NOAM_SECTION = f"{TOPIC}#1. The Transformer schedule (\"Noam\")"
WSD_SECTION = f"{TOPIC}#5. Warmup-stable-decay (WSD)"
D_MODELS = (256, 512, 768, 1024)
WARMUPS = (200, 400, 500, 1000)  # short enough for the oracle to step through quickly


def _noam_oracle(d_model: int, warmup: int, t: int) -> dict:
    """Noam as transformers runs it: get_inverse_sqrt_schedule on base (d_model·W)^-0.5."""
    return lr_oracle("transformers.get_inverse_sqrt_schedule", (d_model * warmup) ** -0.5, t,
                     num_warmup_steps=warmup)


@generator("noam_peak", topic=TOPIC, taught_in=NOAM_SECTION)
def noam_peak_question(rng: random.Random) -> Draft:
    """The Noam schedule's highest lr."""
    d_model, warmup = rng.choice(D_MODELS), rng.choice(WARMUPS)
    return Draft(
        f"The Transformer schedule d_model^-0.5·min(step^-0.5, step·W^-1.5) with d_model = "
        f"{d_model}, W = {warmup} (transformers: get_inverse_sqrt_schedule(num_warmup_steps="
        f"{warmup}) on base lr ({d_model}·{warmup})^-0.5): its highest lr, at step {warmup}?",
        _noam_oracle(d_model, warmup, warmup),
        f"The branches meet at step = warmup_steps: peak = (d_model·warmup_steps)^-0.5 = "
        f"({d_model}·{warmup})^-0.5.",
    )


@generator("noam_lr", topic=TOPIC, taught_in=NOAM_SECTION)
def noam_lr_question(rng: random.Random) -> Draft:
    """The Noam lr at a step, before or after the peak."""
    d_model, warmup = rng.choice(D_MODELS), rng.choice(WARMUPS)
    t = rng.choice([rng.randint(1, warmup), rng.randint(warmup, 3 * warmup)])
    branch = "warmup: step·W^-1.5" if t < warmup else "decay: step^-0.5"
    return Draft(
        f"The Transformer (Noam) schedule with d_model = {d_model} and num_warmup_steps="
        f"{warmup}: the lr at step {t}?",
        _noam_oracle(d_model, warmup, t),
        f"d_model^-0.5·min(step^-0.5, step·W^-1.5); at step {t} the {branch} branch is the "
        "smaller.",
    )


@generator("wsd_lr", topic=TOPIC, taught_in=WSD_SECTION)
def wsd_lr_question(rng: random.Random) -> Draft:
    """transformers' get_wsd_schedule: the lr at a step, often in the decay."""
    total = rng.choice([200, 400, 500, 1000])
    warmup, decay = total // rng.choice([10, 20]), total // rng.choice([5, 10])
    max_lr, ratio = rng.choice([1e-3, 3e-4, 6e-4]), rng.choice([0.0, 0.1])
    kind = rng.choice(["linear", "cosine", "1-sqrt"])
    start = total - decay
    t = rng.choice([rng.randint(start, total), rng.randint(0, total), start + decay // 2])
    return Draft(
        f"get_wsd_schedule(num_warmup_steps={warmup}, num_decay_steps={decay}, "
        f"num_training_steps={total}, decay_type='{kind}', min_lr_ratio={g(ratio)}), base lr "
        f"{g(max_lr)}: the lr after {t} steps?",
        lr_oracle("transformers.get_wsd_schedule", max_lr, t, num_warmup_steps=warmup,
                  num_decay_steps=decay, num_training_steps=total, decay_type=kind,
                  min_lr_ratio=ratio),
        f"Warmup from min_lr to max_lr until {warmup}, max_lr until {start}, then the {kind} "
        f"decay with progress (t − {start})/{decay} down to min_lr = {g(ratio)}·max_lr.",
    )
