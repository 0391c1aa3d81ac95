# expect: not_attempted -
def layerwise_param_groups(layers, head, base_lr, decay=0.75, weight_decay=0.01):
    # YOUR CODE HERE
    raise NotImplementedError("Your code here")
