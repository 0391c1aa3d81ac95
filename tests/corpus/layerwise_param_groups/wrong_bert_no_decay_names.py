# expect: failed norm_weights_decayed
def layerwise_param_groups(layers, head, base_lr, decay=0.75, weight_decay=0.01):
    no_decay = ["bias", "LayerNorm.weight"]  # the BERT recipe's names
    groups = []
    for k, module in enumerate([head, *list(layers)[::-1]]):
        named = [(n, p) for n, p in module.named_parameters() if p.requires_grad]
        lr = base_lr * decay**k
        groups.append({"params": [p for n, p in named if not any(nd in n for nd in no_decay)],
                       "lr": lr, "weight_decay": weight_decay})
        groups.append({"params": [p for n, p in named if any(nd in n for nd in no_decay)],
                       "lr": lr, "weight_decay": 0.0})
    return [g for g in groups if g["params"]]
