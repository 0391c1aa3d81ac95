# expect: failed -
def layerwise_param_groups(layers, head, base_lr, decay=0.75, weight_decay=0.01):
    params = [p for layer in layers for p in layer.parameters()]
    return params + list(head.parameters())  # a list of tensors, not of group dicts
