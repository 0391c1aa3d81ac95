# expect: error -
def layerwise_param_groups(layers, head, base_lr, decay=0.75, weight_decay=0.01):
    return [{"params": layer.weights, "lr": base_lr} for layer in layers]  # no .weights
