# expect: failed frozen_included
def layerwise_param_groups(layers, head, base_lr, decay=0.75, weight_decay=0.01):
    groups = []
    for k, module in enumerate([head, *list(layers)[::-1]]):
        params = list(module.parameters())
        lr = base_lr * decay**k
        groups.append({"params": [p for p in params if p.ndim > 1], "lr": lr,
                       "weight_decay": weight_decay})
        groups.append({"params": [p for p in params if p.ndim <= 1], "lr": lr,
                       "weight_decay": 0.0})
    return [g for g in groups if g["params"]]
