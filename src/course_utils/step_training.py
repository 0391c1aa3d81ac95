"""Digits runs that log every optimizer step: any optimizer and lr schedule, gradient clipping,
schedule-free's train/eval swap, an optional BatchNorm layer, a linear model.

Notebook 12's experiments (decay floors, loss spikes after warmup, schedule-free AdamW) use it;
training.py's `train` is the course's general loop, this one records per-step losses and
gradient norms and takes an optimizer factory.
"""

import itertools
import math
from collections.abc import Callable
from dataclasses import dataclass, field

import torch
from torch import nn

from course_utils.training import evaluate, load_digits_split

OptimizerFactory = Callable[[list], torch.optim.Optimizer]
ScheduleFactory = Callable[[torch.optim.Optimizer, int], object]


@dataclass
class StepHistory:
    """What one run logged: per step (losses, lrs, grad_norms) and per epoch (the rest)."""

    losses: list[float] = field(default_factory=list)  # each step's mini-batch loss
    lrs: list[float] = field(default_factory=list)  # param_groups[0]["lr"] at each step
    grad_norms: list[float] = field(default_factory=list)  # before clipping
    update_ratios: list[float] = field(default_factory=list)  # largest |weight change| / lr
    train_loss: list[float] = field(default_factory=list)  # whole training set, each epoch
    val_loss: list[float] = field(default_factory=list)  # as it should be evaluated
    val_acc: list[float] = field(default_factory=list)
    val_loss_y: list[float] = field(default_factory=list)  # schedule-free: without eval()
    val_loss_stale: list[float] = field(default_factory=list)  # BatchNorm: not recalibrated

    def spike(self, start: int, window: int, before: int = 5) -> float:
        """Largest mini-batch loss in steps [start, start + window) divided by the mean loss of
        the `before` steps before `start`: above 1 the loss rose after `start`."""
        base = self.losses[max(0, start - before):start] or self.losses[:1]
        return max(self.losses[start:start + window]) / (sum(base) / len(base))


def step_model(seed: int = 0, hidden: int = 64, batchnorm: bool = False) -> nn.Module:
    """64 -> hidden -> 10 MLP (with BatchNorm1d after the hidden layer if asked); hidden=0 is a
    linear softmax classifier. Initial weights depend only on `seed`."""
    if isinstance(hidden, bool) or not isinstance(hidden, int) or hidden < 0:
        raise ValueError(f"hidden must be an int >= 0, got {hidden!r}")
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        if hidden == 0:
            return nn.Linear(64, 10)
        norm = [nn.BatchNorm1d(hidden)] if batchnorm else []
        return nn.Sequential(nn.Linear(64, hidden), *norm, nn.ReLU(), nn.Linear(hidden, 10))


def _is_schedule_free(optimizer) -> bool:
    return all(callable(getattr(optimizer, name, None)) for name in ("train", "eval"))


def _batches(n: int, batch_size: int, generator: torch.Generator):
    perm = torch.randperm(n, generator=generator)
    return [perm[i:i + batch_size] for i in range(0, n, batch_size)]


@torch.no_grad()
def recalibrate_batchnorm(model: nn.Module, X, batch_size: int = 64, batches: int = 20) -> None:
    """Recompute BatchNorm running statistics at the current weights from `batches` batches of
    X (model.train() under no_grad), then leave the model in eval mode."""
    norms = [m for m in model.modules() if isinstance(m, nn.modules.batchnorm._BatchNorm)]
    momenta = [m.momentum for m in norms]
    for module in norms:
        module.reset_running_stats()
        module.momentum = None  # a cumulative average over the batches below
    model.train()
    for i in itertools.islice(range(0, len(X), batch_size), batches):
        model(X[i:i + batch_size])
    for module, momentum in zip(norms, momenta, strict=True):
        module.momentum = momentum
    model.eval()


def step_train(make_optimizer: OptimizerFactory, schedule: ScheduleFactory | None = None, *,
               epochs: int = 10, batch_size: int = 64, seed: int = 0, hidden: int = 64,
               batchnorm: bool = False, clip_grad_norm: float | None = None,
               recalibrate_bn: bool = False, max_steps: int | None = None,
               track_updates: bool = False, data=None) -> StepHistory:
    """Train on digits, one optimizer step per mini-batch, and log every step.

    Args:
        make_optimizer: parameters -> optimizer (torch's, or schedulefree's).
        schedule: (optimizer, total_steps) -> scheduler stepped after every optimizer step.
        recalibrate_bn: recompute BatchNorm statistics at the evaluated weights first (the
            loss before it is kept in val_loss_stale). Training itself uses batch statistics.
        max_steps: stop after this many steps (the epoch's evaluation still runs).
        track_updates: log each step's largest weight change divided by its lr.

    A schedule-free optimizer (one with train() and eval()) is used as documented:
    optimizer.train() before training, optimizer.eval() before evaluating; the validation loss
    at the training weights, without eval(), is kept in val_loss_y.
    """
    if not isinstance(epochs, int) or epochs < 1:
        raise ValueError(f"epochs must be a positive int, got {epochs!r}")
    X_train, y_train, X_val, y_val = data if data is not None else load_digits_split(0)
    model = step_model(seed, hidden, batchnorm)
    optimizer = make_optimizer(list(model.parameters()))
    steps_per_epoch = math.ceil(len(y_train) / batch_size)
    total = epochs * steps_per_epoch if max_steps is None else min(max_steps,
                                                                   epochs * steps_per_epoch)
    scheduler = schedule(optimizer, total) if schedule is not None else None
    sf = _is_schedule_free(optimizer)
    generator = torch.Generator().manual_seed(seed)
    history = StepHistory()
    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # tiny matrices: one thread is fastest and the same everywhere
    try:
        for _ in range(epochs):
            model.train()
            if sf:
                optimizer.train()
            for idx in _batches(len(y_train), batch_size, generator):
                if len(history.losses) >= total:
                    break
                optimizer.zero_grad()
                loss = nn.functional.cross_entropy(model(X_train[idx]), y_train[idx])
                loss.backward()
                norm = nn.utils.clip_grad_norm_(model.parameters(), clip_grad_norm or math.inf)
                history.grad_norms.append(float(norm))
                lr = optimizer.param_groups[0]["lr"]
                history.lrs.append(lr)
                before = [p.detach().clone() for p in model.parameters()] if track_updates else []
                optimizer.step()
                if track_updates:
                    moved = max(float((p.detach() - b).abs().max())
                                for p, b in zip(model.parameters(), before, strict=True))
                    history.update_ratios.append(moved / lr if lr > 0 else 0.0)
                if scheduler is not None:
                    scheduler.step()
                history.losses.append(loss.item())
            _evaluate(history, model, optimizer if sf else None, recalibrate_bn,
                      (X_train, y_train, X_val, y_val), batch_size)
            if len(history.losses) >= total:
                break
    finally:
        torch.set_num_threads(threads)
    return history


def _evaluate(history: StepHistory, model, schedule_free, recalibrate_bn, data, batch_size):
    """One epoch's evaluations, appended to history (see step_train)."""
    X_train, y_train, X_val, y_val = data
    if schedule_free is not None:
        history.val_loss_y.append(evaluate(model, X_val, y_val)[0])  # at y: eval() forgotten
        schedule_free.eval()  # the weights become x, the average the method returns
    if recalibrate_bn:
        history.val_loss_stale.append(evaluate(model, X_val, y_val)[0])
        recalibrate_batchnorm(model, X_train, batch_size)
    history.train_loss.append(evaluate(model, X_train, y_train)[0])
    loss, acc = evaluate(model, X_val, y_val)
    history.val_loss.append(loss)
    history.val_acc.append(acc)
