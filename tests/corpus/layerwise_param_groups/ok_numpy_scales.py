# expect: passed
import numpy as np


def layerwise_param_groups(layers, head, base_lr, decay=0.75, weight_decay=0.01):
    depth = len(layers)
    lrs = base_lr * np.power(decay, np.arange(depth, 0, -1))  # layers[0] .. layers[-1]
    pairs = [*zip(lrs.tolist(), layers, strict=True), (base_lr, head)]
    groups = []
    for lr, module in pairs:
        params = [p for p in module.parameters() if p.requires_grad]
        groups.append({"params": [p for p in params if p.ndim >= 2], "lr": lr,
                       "weight_decay": weight_decay})
        groups.append({"params": [p for p in params if p.ndim < 2], "lr": lr,
                       "weight_decay": 0.0})
    return [g for g in groups if g["params"]]
