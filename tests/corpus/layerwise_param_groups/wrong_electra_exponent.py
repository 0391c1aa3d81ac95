# expect: failed exponent_one_too_large
def layerwise_param_groups(layers, head, base_lr, decay=0.75, weight_decay=0.01):
    # depth counted as in ELECTRA's released code: n_layers + 2 - depth
    n_layers = len(layers)
    groups = [{"params": [p for p in head.parameters() if p.requires_grad and p.ndim > 1],
               "lr": base_lr, "weight_decay": weight_decay},
              {"params": [p for p in head.parameters() if p.requires_grad and p.ndim <= 1],
               "lr": base_lr, "weight_decay": 0.0}]
    for i, layer in enumerate(layers):
        depth = i + 1
        lr = base_lr * decay ** (n_layers + 2 - depth)
        params = [p for p in layer.parameters() if p.requires_grad]
        groups.append({"params": [p for p in params if p.ndim > 1], "lr": lr,
                       "weight_decay": weight_decay})
        groups.append({"params": [p for p in params if p.ndim <= 1], "lr": lr,
                       "weight_decay": 0.0})
    return [g for g in groups if g["params"]]
