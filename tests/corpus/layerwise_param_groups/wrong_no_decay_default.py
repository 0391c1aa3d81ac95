# expect: failed weight_decay_key_missing
def layerwise_param_groups(layers, head, base_lr, decay=0.75, weight_decay=0.01):
    groups = []
    for k, module in enumerate([head, *reversed(list(layers))]):
        params = [p for p in module.parameters() if p.requires_grad]
        lr = base_lr * decay**k
        groups.append({"params": [p for p in params if p.ndim > 1], "lr": lr,
                       "weight_decay": weight_decay})
        groups.append({"params": [p for p in params if p.ndim <= 1], "lr": lr})
    return [g for g in groups if g["params"]]
