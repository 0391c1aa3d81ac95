# expect: failed layers_reversed
def layerwise_param_groups(layers, head, base_lr, decay=0.75, weight_decay=0.01):
    groups = []
    lr = base_lr
    for module in [head, *layers]:  # forgot that layers[0] is the bottom
        params = [p for p in module.parameters() if p.requires_grad]
        groups.append({"params": [p for p in params if p.ndim > 1], "lr": lr,
                       "weight_decay": weight_decay})
        groups.append({"params": [p for p in params if p.ndim <= 1], "lr": lr,
                       "weight_decay": 0.0})
        lr *= decay
    return [g for g in groups if g["params"]]
