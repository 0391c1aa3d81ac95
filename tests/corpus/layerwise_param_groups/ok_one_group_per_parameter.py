# expect: passed
def layerwise_param_groups(layers, head, base_lr, decay=0.75, weight_decay=0.01):
    # one group per parameter: verbose, but AdamW applies the same settings
    modules = [*layers, head]
    groups = []
    for depth_from_top, module in enumerate(reversed(modules)):
        for param in module.parameters():
            if not param.requires_grad:
                continue
            groups.append({
                "params": [param],
                "lr": base_lr * decay ** depth_from_top,
                "weight_decay": weight_decay if param.dim() >= 2 else 0.0,
            })
    return groups
