# expect: passed
def layerwise_param_groups(layers, head, base_lr, decay=0.75, weight_decay=0.01):
    groups = []
    depth = len(layers)
    for k, module in [(0, head)] + [(depth - i, layer) for i, layer in enumerate(layers)]:
        lr = base_lr * decay**k
        trainable = [p for p in module.parameters() if p.requires_grad]
        decayed = [p for p in trainable if p.ndim > 1]
        plain = [p for p in trainable if p.ndim <= 1]
        for params, wd in ((decayed, weight_decay), (plain, 0.0)):
            if params:
                groups.append({"params": params, "lr": lr, "weight_decay": wd})
    return groups
