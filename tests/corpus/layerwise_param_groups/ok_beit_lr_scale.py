# expect: passed
import torch


def layerwise_param_groups(layers, head, base_lr, decay=0.75, weight_decay=0.01):
    # BEiT-style: a layer id per parameter, one group per (layer id, decay or not)
    num_layers = len(layers)
    scales = [decay ** (num_layers - layer_id) for layer_id in range(num_layers + 1)]
    named = [(i, p) for i, layer in enumerate(layers) for p in layer.parameters()]
    named += [(num_layers, p) for p in head.parameters()]
    groups = {}
    for layer_id, param in named:
        if not param.requires_grad:
            continue
        no_decay = len(param.shape) <= 1
        key = (layer_id, no_decay)
        if key not in groups:
            groups[key] = {"params": [], "lr": base_lr * scales[layer_id],
                           "weight_decay": 0.0 if no_decay else weight_decay}
        groups[key]["params"].append(param)
    return list(groups.values())


_ = torch  # the learner's imports may include torch
