"""Generators for notebook 13: the lr of a layer under layer-wise decay (alone, and along a
cosine with a shared floor), and the lr after a batch-size change with warmup (linear for SGD,
square root for Adam)."""

import random

from course_utils.rehearsal.generators.base import Draft, g, generator, lr_oracle

TOPIC = "13_param_groups_and_batch_size"


def _layers(rng: random.Random) -> tuple[int, float, float, int]:
    n_layers = rng.choice([4, 6, 8, 12, 24])
    decay = rng.choice([0.65, 0.75, 0.8, 0.85, 0.9])
    base_lr = rng.choice([1e-4, 2e-4, 5e-5, 1e-3, 4e-3])
    return n_layers, decay, base_lr, rng.randint(0, n_layers - 1)


def _groups_oracle(n_layers, decay, layer, base_lr, scheduler=None, t=None, **kwargs) -> dict:
    spec = {"scheduler": scheduler, "base_lr": base_lr, "kwargs": kwargs,
            "param_groups": {"n_layers": n_layers, "decay": decay, "layer": layer}}
    return spec if t is None else {**spec, "t": t}


@generator("layerwise_lr", topic=TOPIC,
           taught_in=f"{TOPIC}#3. Fine-tuning: backbone, head and layer-wise lr decay")
def layerwise_lr_question(rng: random.Random) -> Draft:
    """Layer-wise lr decay: the lr AdamW applies to layers[i]."""
    n_layers, decay, base_lr, layer = _layers(rng)
    k = n_layers - layer
    return Draft(
        f"Layer-wise lr decay: {n_layers} layers (layers[0] next to the input, "
        f"layers[{n_layers - 1}] next to the head), head lr {g(base_lr)}, decay {g(decay)}; "
        f"layers[-k] gets head lr·decay^k. The lr AdamW applies to layers[{layer}]?",
        _groups_oracle(n_layers, decay, layer, base_lr),
        f"layers[{layer}] is layers[-{k}]: {g(base_lr)}·{g(decay)}^{k}.",
    )


@generator("layerwise_cosine", topic=TOPIC, taught_in=f"{TOPIC}#Per-group floors")
def layerwise_cosine_question(rng: random.Random) -> Draft:
    """Layer-wise lr decay under CosineAnnealingLR with one absolute eta_min for every group."""
    n_layers, decay, base_lr, layer = _layers(rng)
    t_max = rng.choice([100, 200, 500, 1000])
    eta_min = rng.choice([0.0, base_lr / 100, base_lr / 10])
    t = rng.choice([t_max // 2, rng.randint(0, t_max), t_max])
    k = n_layers - layer
    return Draft(
        f"Layer-wise lr decay: {n_layers} layers, head lr {g(base_lr)}, decay {g(decay)} "
        f"(layers[-k] at head lr·decay^k), then CosineAnnealingLR(T_max={t_max}, "
        f"eta_min={g(eta_min)}) on the optimizer. The lr of layers[{layer}] after t = {t} steps?",
        _groups_oracle(n_layers, decay, layer, base_lr, "CosineAnnealingLR", t, T_max=t_max,
                       eta_min=eta_min),
        f"Its base lr is {g(base_lr)}·{g(decay)}^{k}; the cosine runs from it to the shared "
        f"eta_min: η_min + (b − η_min)·(1 + cos(π·{t}/{t_max}))/2.",
    )


@generator("linear_scaling_warmup", topic=TOPIC,
           taught_in=f"{TOPIC}#8.1 The linear scaling rule, with warmup")
def linear_scaling_question(rng: random.Random) -> Draft:
    """Goyal et al.: lr × k for batch × k, warmed up from the old lr with LinearLR."""
    base_batch, base_lr = rng.choice([(256, 0.1), (128, 0.05), (64, 0.02)])
    k = rng.choice([2, 4, 8, 16, 32])
    warmup = rng.choice([100, 250, 500, 1000])
    t = rng.choice([rng.randint(0, warmup), warmup + rng.randint(0, 500)])
    return Draft(
        f"SGD tuned at batch {base_batch} with lr {g(base_lr)}. You train with batch "
        f"{base_batch * k}: scale the lr by the linear scaling rule and warm up to it from "
        f"{g(base_lr)} with LinearLR(start_factor={g(1 / k)}, total_iters={warmup}). The lr "
        f"after t = {t} steps?",
        lr_oracle("LinearLR", base_lr * k, t, start_factor=1 / k, total_iters=warmup),
        f"Peak {g(base_lr)}·{k} = {g(base_lr * k)}; LinearLR climbs from {g(base_lr)} to it "
        f"over {warmup} steps, then stays.",
    )


@generator("sqrt_scaling_warmup", topic=TOPIC,
           taught_in=f"{TOPIC}#8.4 Adam: the square-root rule")
def sqrt_scaling_question(rng: random.Random) -> Draft:
    """Malladi et al.: lr × √κ for Adam when the batch grows κ-fold, with a LinearLR warmup."""
    base_batch, base_lr = rng.choice([(32, 1e-3), (64, 3e-4), (256, 2e-4), (128, 5e-4)])
    kappa = rng.choice([4, 16, 64])
    start = rng.choice([0.01, 0.1, 0.25])
    warmup = rng.choice([100, 200, 500])
    t = rng.choice([rng.randint(0, warmup), warmup + rng.randint(0, 200)])
    new_lr = base_lr * kappa**0.5
    return Draft(
        f"Adam tuned at batch {base_batch} with lr {g(base_lr)}. You train with batch "
        f"{base_batch * kappa}: scale the lr by the square-root rule, then warm up with "
        f"LinearLR(start_factor={g(start)}, total_iters={warmup}) on the new lr. The lr after "
        f"t = {t} steps?",
        lr_oracle("LinearLR", new_lr, t, start_factor=start, total_iters=warmup),
        f"κ = {kappa}: peak {g(base_lr)}·√{kappa} = {g(new_lr)}; LinearLR multiplies it by "
        f"{g(start)} + (1 − {g(start)})·min(t, {warmup})/{warmup}.",
    )
