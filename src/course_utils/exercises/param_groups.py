"""Exercise `layerwise_param_groups`: AdamW param groups with layer-wise lr decay.

Oracle: the lr and weight decay that torch.optim.AdamW, built from the groups, applies to each
parameter of a small model the check builds (group_harness), against the library's groups.
"""

from course_utils import param_groups
from course_utils.cases import Case
from course_utils.exercises.answer_kinds import PerParameter
from course_utils.exercises.base import Exercise, Mistake
from course_utils.exercises.group_harness import (
    CONTAINERS,
    HEADS,
    KINDS,
    describe_case,
    parameters,
    run_groups,
)


def _case(layers, head, args, label, frozen=(), container="list") -> Case:
    setup = {"layers": list(layers), "head": head, "frozen": list(frozen),
             "container": container}
    return Case(tuple(args), args[0], label, setup)


def edge_cases() -> list[Case]:
    return [
        _case(["linear"] * 3, "linear", (1e-3,), "three Linear layers, default decay and "
              "weight_decay"),
        _case(["block"] * 4, "mlp", (5e-4, 0.8, 0.05), "blocks with a LayerNorm, a two-layer "
              "head", container="ModuleList"),
        _case(["embedding", "block", "block"], "linear", (2e-4, 0.65, 0.1),
              "a frozen embedding and one frozen bias",
              frozen=["layers.0.weight", "layers.2.0.bias"]),
        _case(["conv"], "linear", (0.01, 0.5, 0.02), "one layer (a Conv1d)"),
        _case(["block"] * 12, "linear", (4e-3, 0.65, 0.05), "twelve blocks, decay 0.65"),
        _case(["scaled", "norm", "linear"], "mlp", (1e-3, 0.9, 0.01),
              "a scalar gain (ndim 0) and a LayerNorm-only layer", container="tuple"),
        _case(["linear", "linear"], "linear", (3e-4, 1.0, 0.0), "decay = 1, weight_decay = 0"),
    ]


def random_cases(rng) -> list[Case]:
    cases = []
    for _ in range(3):
        layers = [rng.choice(KINDS) for _ in range(rng.randint(1, 8))]
        head = rng.choice(HEADS)
        frozen = [f"layers.0.{name}" for name in ("weight", "bias")] if rng.random() < 0.4 else []
        if layers[0] in ("embedding", "scaled"):  # no layers.0.bias to freeze
            frozen = frozen[:1]
        args = (float(f"{10 ** rng.uniform(-5, -2):.3g}"), round(rng.uniform(0.5, 0.95), 3),
                round(rng.uniform(0.001, 0.2), 4))
        cases.append(_case(layers, head, args, "random", frozen, rng.choice(CONTAINERS)))
    return cases


def expected(cases: list[Case]) -> list[dict]:
    """What AdamW applies to each parameter, built from the library's groups."""
    return [run_groups(param_groups.layerwise_param_groups, case) for case in cases]


def layerwise_param_groups(layers, head, base_lr, decay=0.75, weight_decay=0.01) -> list[dict]:
    """Param groups for AdamW: head at base_lr, layers[-k] at base_lr * decay**k; no weight
    decay for parameters with ndim <= 1; frozen parameters left out."""
    groups = []
    for k, module in enumerate([head, *reversed(list(layers))]):  # the head is k = 0
        trainable = [p for p in module.parameters() if p.requires_grad]
        for decayed in (True, False):  # matrices (ndim > 1), then biases, norms, scalars
            params = [p for p in trainable if (p.ndim > 1) == decayed]
            if params:
                groups.append({"params": params, "lr": base_lr * decay**k,
                               "weight_decay": weight_decay * decayed})  # or 0.0
    return groups


# --- the known mistakes: one template, a wrong part swapped in each ---


def _template(layers, head, base_lr, decay=0.75, weight_decay=0.01, *,
              lr=lambda base_lr, decay, k: base_lr * decay**k, shift=0, head_k=0,
              reverse=False, flat=False, decays=lambda name, p: p.ndim > 1,
              grouped=lambda p: True, wd=lambda weight_decay: weight_decay, wd_key=True,
              skip_frozen=True, duplicate=False, with_head=True):
    ordered = list(layers) if reverse else list(layers)[::-1]  # top first
    blocks = [(head_k, head)] if with_head else []
    blocks += [(1 if flat else j + 1 + shift, layer) for j, layer in enumerate(ordered)]
    groups = []
    for k, module in blocks:
        named = [(n, p) for n, p in module.named_parameters()
                 if (p.requires_grad or not skip_frozen) and grouped(p)]
        decayed = [p for n, p in named if duplicate or decays(n, p)]
        plain = [p for n, p in named if not decays(n, p)]
        if decayed:
            groups.append({"params": decayed, "lr": lr(base_lr, decay, k),
                           "weight_decay": wd(weight_decay)})
        if plain:
            group = {"params": plain, "lr": lr(base_lr, decay, k)}
            if wd_key:
                group["weight_decay"] = 0.0
            groups.append(group)
    return groups


MISTAKES = (
    Mistake.variant("top_layer_undecayed", "your top layer has the head's lr: layers[-k] gets "
                    "base_lr * decay**k, so the top layer (k = 1) already gets base_lr * decay "
                    "(your exponent is one too small).", _template, shift=-1),
    Mistake.variant("exponent_one_too_large", "your exponents are one too large: the top layer "
                    "gets base_lr * decay**2 (ELECTRA's released code has this off-by-one, its "
                    "author confirmed); layers[-k] gets base_lr * decay**k.", _template, shift=1),
    Mistake.variant("head_decayed", "your head's lr is decayed: the head gets base_lr itself; "
                    "the decay starts at the top layer (decay**1).", _template, head_k=1),
    Mistake.variant("layers_reversed", "your decay runs the wrong way: layers are given bottom "
                    "(input) to top, so layers[0] gets the smallest lr, base_lr * "
                    "decay**len(layers), and layers[-1] the largest below the head.",
                    _template, reverse=True),
    Mistake.variant("same_lr_for_every_layer", "every layer gets the same lr: that is a "
                    "backbone/head split, not layer-wise decay; layers[-k] gets "
                    "base_lr * decay**k.", _template, flat=True),
    Mistake.variant("decay_multiplied_not_raised", "your lr is base_lr * decay * k: the decay "
                    "compounds per layer, base_lr * decay**k (** not *).", _template,
                    lr=lambda base_lr, decay, k: base_lr * decay * k),
    Mistake.variant("decay_divides", "your lrs grow towards the input: base_lr / decay**k; "
                    "lower layers get smaller rates, base_lr * decay**k.", _template,
                    lr=lambda base_lr, decay, k: base_lr / decay**k),
    Mistake.variant("base_lr_missing", "your lrs are decay**k alone: multiply by base_lr "
                    "(the head's lr).", _template, lr=lambda base_lr, decay, k: decay**k),
    Mistake.variant("decay_argument_ignored", "your lrs ignore the decay argument (you use "
                    "0.75, its default, whatever is passed).", _template,
                    lr=lambda base_lr, decay, k: base_lr * 0.75**k),
    Mistake.variant("weight_decay_argument_ignored", "your weight decay ignores the "
                    "weight_decay argument (you use 0.01, its default, whatever is passed).",
                    _template, wd=lambda weight_decay: 0.01),
    Mistake.variant("biases_decayed", "your biases and norm weights are decayed: give "
                    "parameters with ndim <= 1 weight_decay 0.0.", _template,
                    decays=lambda name, p: True),
    Mistake.variant("norm_weights_decayed", "you exclude parameters named *bias* from weight "
                    "decay, but not LayerNorm weights or scalar gains: the rule is ndim <= 1 "
                    "(p.ndim), whatever the name.", _template,
                    decays=lambda name, p: not name.endswith("bias")),
    Mistake.variant("matrices_not_decayed", "your weight matrices (ndim 2) get no weight decay: "
                    "everything with ndim > 1 is decayed (matrices, conv kernels, embeddings).",
                    _template, decays=lambda name, p: p.ndim > 2),
    Mistake.variant("decay_rule_inverted", "your decay rule is inverted: matrices (ndim > 1) "
                    "get weight_decay, biases and norm weights (ndim <= 1) get 0.0.", _template,
                    decays=lambda name, p: p.ndim <= 1),
    Mistake.variant("no_decay_group_missing", "your biases and norm weights (ndim <= 1) are in "
                    "no group, so they never train: put them in a group with weight_decay 0.0.",
                    _template, grouped=lambda p: p.ndim > 1),
    Mistake.variant("weight_decay_key_missing", "your no-decay groups have no 'weight_decay' "
                    "key, so AdamW fills in its default, 0.01: set 'weight_decay': 0.0 "
                    "explicitly.", _template, wd_key=False),
    Mistake.variant("frozen_included", "you included parameters with requires_grad=False: "
                    "leave them out (filter on p.requires_grad).", _template, skip_frozen=False),
    Mistake.variant("parameter_in_two_groups", "some parameters are in two groups (AdamW raises "
                    "'some parameters appear in more than one parameter group'): put the "
                    "ndim <= 1 ones in the no-decay group only.", _template, duplicate=True),
    Mistake("no_groups", "you return an empty list: every trainable parameter needs a group "
            "(did the loop append anything, and does the return come after it?).",
            lambda layers, head, base_lr, decay=0.75, weight_decay=0.01: []),
    Mistake.variant("head_left_out", "the head's parameters are in no group, so they never "
                    "train: give the head its own group at base_lr.", _template,
                    with_head=False),
)

HINTS = (
    "Walk the modules top-down: the head gets base_lr, then layers[-1] gets base_lr * decay, "
    "layers[-2] base_lr * decay**2, … With len(layers) = L, layers[i] is k = L - i from the "
    "top. Give each module its own group(s) with 'lr' set.",
    "Inside each module split its parameters: p.ndim > 1 (weight matrices, conv kernels, "
    "embeddings) get 'weight_decay': weight_decay, p.ndim <= 1 (biases, LayerNorm weights, "
    "scalars) get 'weight_decay': 0.0. Set the key explicitly: AdamW's default is 0.01.",
    "Skip parameters with requires_grad=False, skip empty groups, and make sure no parameter is "
    "in two groups: [{'params': [...], 'lr': lr, 'weight_decay': wd}, ...] for "
    "torch.optim.AdamW(groups).",
)

EXERCISE = Exercise(solution=layerwise_param_groups, notebook="13_param_groups_and_batch_size",
                    reference=param_groups.layerwise_param_groups, edge_cases=edge_cases,
                    random_cases=random_cases, expected=expected, mistakes=MISTAKES, hints=HINTS,
                    returns=PerParameter(run_groups, parameters), describe_case=describe_case)
