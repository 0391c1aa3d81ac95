"""The train_loop exercise's harness: a tiny seeded task, a real optimizer, and a hook that
records the lr of every param group at each optimizer.step()."""

from course_utils.answers import AnswerError
from course_utils.cases import Case

N_FEATURES, N_CLASSES = 4, 3


def scheduler_from(optimizer, spec: dict):
    """torch's scheduler named spec["name"], with the rest of spec as its arguments."""
    from course_utils.torch_traces import build_scheduler

    options = {k: v for k, v in spec.items() if k != "name"}
    return build_scheduler(optimizer, spec["name"], **options)


def build(setup: dict):
    """(model, train_loader, val_loader, optimizer, scheduler) for one case, all seeded."""
    import torch
    from torch.utils.data import DataLoader, TensorDataset

    gen = torch.Generator().manual_seed(setup["seed"])
    n_train, n_val = setup["n_train"], setup["n_val"]
    X = torch.randn(n_train, N_FEATURES, generator=gen)
    y = torch.randint(0, N_CLASSES, (n_train,), generator=gen)
    X_val = torch.randn(n_val, N_FEATURES, generator=gen)
    y_val = torch.randint(0, N_CLASSES, (n_val,), generator=gen)  # unlearnable: it plateaus
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(setup["seed"])
        model = torch.nn.Linear(N_FEATURES, N_CLASSES)
    base_lrs = setup["base_lrs"]
    if len(base_lrs) == 1:
        groups = [{"params": list(model.parameters()), "lr": base_lrs[0]}]
    else:
        groups = [{"params": [model.weight], "lr": base_lrs[0]},
                  {"params": [model.bias], "lr": base_lrs[1]}]
    optimizer = torch.optim.SGD(groups, lr=base_lrs[0], momentum=0.9)
    scheduler = scheduler_from(optimizer, setup["scheduler"])
    train_loader = DataLoader(TensorDataset(X, y), batch_size=setup["batch_size"])
    val_loader = DataLoader(TensorDataset(X_val, y_val), batch_size=n_val)
    return model, train_loader, val_loader, optimizer, scheduler


def run_loop(loop, case: Case) -> list[list[float]]:
    """Call loop(model, train_loader, val_loader, optimizer, scheduler, epochs, step_per)
    and return, for every optimizer.step() it made, each param group's lr at that step."""
    import warnings

    import torch

    model, train_loader, val_loader, optimizer, scheduler = build(case.setup)
    used: list[list[float]] = []

    def record(opt, args, kwargs):
        used.append([float(group["lr"]) for group in opt.param_groups])

    optimizer.register_step_pre_hook(record)
    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # tiny tensors: one thread is fastest, even on a busy machine
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # torch's order warning: the check names the bug
            loop(model, train_loader, val_loader, optimizer, scheduler, case.setup["epochs"],
                 case.setup["step_per"])
    finally:
        torch.set_num_threads(threads)
    if not used:
        raise AnswerError("your loop never called optimizer.step(), so no lr was used")
    return used
