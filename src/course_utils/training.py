"""Real training on scikit-learn's bundled digits: a small seeded MLP that logs the lr it used."""

import math
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import torch
from torch import nn

SchedulerFactory = Callable[[torch.optim.Optimizer, int, int], object]
STEP_PER = ("epoch", "batch", "plateau")
OPTIMIZERS = ("sgd", "adam", "adamw")


@dataclass
class History:
    """Per-epoch curves and the lr of every optimizer step of one training run."""

    train_loss: list[float] = field(default_factory=list)
    val_loss: list[float] = field(default_factory=list)
    val_acc: list[float] = field(default_factory=list)
    lrs: list[float] = field(default_factory=list)  # lr used by each optimizer.step()
    epoch_lrs: list[float] = field(default_factory=list)  # lr used by each epoch's first step
    test_loss: float | None = None  # after the last epoch, when train() was given a test set
    test_acc: float | None = None
    seconds: float = 0.0

    @property
    def final_acc(self) -> float:
        """Validation accuracy after the last epoch."""
        return self.val_acc[-1]

    def tail(self, epochs: int = 10) -> tuple[float, float]:
        """(mean, standard deviation) of the validation loss over the last `epochs` epochs.

        The mean is where the run settled; the spread says whether it settled at all.
        """
        return mean_spread(self.val_loss[-epochs:])


def mean_spread(values) -> tuple[float, float]:
    """(mean, sample standard deviation) of at least two numbers, e.g. one result per seed."""
    values = [float(v) for v in values]
    if len(values) < 2:
        raise ValueError(f"need at least two values for a spread, got {len(values)}")
    return statistics.fmean(values), statistics.stdev(values)


def optimizer_steps_per_epoch(num_batches: int, accumulation_steps: int = 1) -> int:
    """Optimizer steps (= scheduler steps for a per-step schedule) in one epoch.

    The course's one formula: with gradient accumulation over k micro-batches, a short last
    group still updates, so an epoch of n batches makes ceil(n / k) optimizer steps.
    `total_steps = epochs * optimizer_steps_per_epoch(len(loader), k)`.
    """
    for name, value in (("num_batches", num_batches), ("accumulation_steps", accumulation_steps)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ValueError(f"{name} must be a positive int, got {value!r}")
    return math.ceil(num_batches / accumulation_steps)


def load_digits_split(seed: int = 0, val_fraction: float = 0.25):
    """Digits (8x8 images, 10 classes) from scikit-learn's bundled copy, split stratified.

    Returns:
        (X_train, y_train, X_val, y_val): float32 pixels scaled to [0, 1], int64 labels.
    """
    if not 0.0 < val_fraction < 1.0:
        raise ValueError(f"val_fraction must be in (0, 1), got {val_fraction!r}")
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split

    digits = load_digits()  # ships with scikit-learn: no download
    X = torch.tensor(digits.data / 16.0, dtype=torch.float32)
    y = torch.tensor(digits.target, dtype=torch.long)
    idx_train, idx_val = train_test_split(
        torch.arange(len(y)).numpy(),
        test_size=val_fraction,
        random_state=seed,
        stratify=y.numpy(),
    )
    idx_train, idx_val = torch.from_numpy(idx_train), torch.from_numpy(idx_val)
    return X[idx_train], y[idx_train], X[idx_val], y[idx_val]


def load_digits_train_val_test(seed: int = 0, val_fraction: float = 0.2,
                               test_fraction: float = 0.2):
    """Digits split three ways, stratified: train, validation (for tuning and ReduceLROnPlateau)
    and a held-out test set that no choice is made on.

    Returns:
        (X_train, y_train, X_val, y_val, X_test, y_test), pixels scaled as in load_digits_split.
    """
    for name, value in (("val_fraction", val_fraction), ("test_fraction", test_fraction)):
        if not 0.0 < value < 1.0:
            raise ValueError(f"{name} must be in (0, 1), got {value!r}")
    if val_fraction + test_fraction >= 1.0:
        raise ValueError(
            f"val_fraction + test_fraction must be < 1, got {val_fraction} + {test_fraction}"
        )
    X_rest, y_rest, X_test, y_test = load_digits_split(seed, val_fraction=test_fraction)
    from sklearn.model_selection import train_test_split

    idx_train, idx_val = train_test_split(
        torch.arange(len(y_rest)).numpy(),
        test_size=val_fraction / (1.0 - test_fraction),
        random_state=seed,
        stratify=y_rest.numpy(),
    )
    idx_train, idx_val = torch.from_numpy(idx_train), torch.from_numpy(idx_val)
    return X_rest[idx_train], y_rest[idx_train], X_rest[idx_val], y_rest[idx_val], X_test, y_test


def make_model(seed: int = 0, hidden: int = 64) -> nn.Module:
    """MLP 64 -> hidden -> 10 whose initial weights depend only on `seed`."""
    if not isinstance(hidden, int) or hidden < 1:
        raise ValueError(f"hidden must be a positive int, got {hidden!r}")
    with torch.random.fork_rng(devices=[]):  # leave the caller's global RNG untouched
        torch.manual_seed(seed)
        return nn.Sequential(nn.Linear(64, hidden), nn.ReLU(), nn.Linear(hidden, 10))


class ShuffledBatches:
    """A minimal data loader: `len()` batches per epoch, each epoch in a new shuffled order.

    The order is the one torch's RandomSampler gives with the same generator (batched by a
    BatchSampler), without the DataLoader's per-sample overhead. It comes from
    `loader.generator` alone: save its `get_state()` in a checkpoint and `set_state()` it on
    resume to continue the same order.
    """

    def __init__(self, X, y, batch_size: int, seed: int):
        if len(X) != len(y):
            raise ValueError(f"X and y must have the same length, got {len(X)} and {len(y)}")
        self.X, self.y, self.batch_size = X, y, batch_size
        self.generator = torch.Generator().manual_seed(seed)

    def __len__(self) -> int:
        return math.ceil(len(self.y) / self.batch_size)

    def __iter__(self):
        n = len(self.y)
        order = torch.randperm(n, generator=self.generator)
        torch.randperm(n, generator=self.generator)  # RandomSampler draws a second, unused one
        for indices in order.split(self.batch_size):  # whole-batch indexing: fast
            yield self.X[indices], self.y[indices]


def make_loader(X, y, batch_size: int = 64, seed: int = 0) -> ShuffledBatches:
    """Shuffled mini-batches of (X, y), in an order fixed by `seed`; the last one may be short."""
    if not isinstance(batch_size, int) or isinstance(batch_size, bool) or batch_size < 1:
        raise ValueError(f"batch_size must be a positive int, got {batch_size!r}")
    return ShuffledBatches(X, y, batch_size, seed)


def optimizer_for(model: nn.Module, optimizer: str = "sgd", lr: float = 0.1, momentum=0.9):
    """SGD (with momentum) or Adam/AdamW on the model's parameters."""
    name = str(optimizer).lower()
    if name == "sgd":
        return torch.optim.SGD(model.parameters(), lr=lr, momentum=momentum)
    if name == "adam":
        return torch.optim.Adam(model.parameters(), lr=lr)
    if name == "adamw":
        return torch.optim.AdamW(model.parameters(), lr=lr)
    raise ValueError(f"optimizer must be one of {OPTIMIZERS}, got {optimizer!r}")


@torch.no_grad()
def evaluate(model: nn.Module, X, y) -> tuple[float, float]:
    """(mean cross-entropy loss, accuracy) of `model` on X, y."""
    model.eval()
    logits = model(X)
    loss = nn.functional.cross_entropy(logits, y).item()
    acc = (logits.argmax(dim=1) == y).float().mean().item()
    return loss, acc


def _check_args(epochs, lr, step_per, scheduler, clip_grad_norm):
    if not isinstance(epochs, int) or epochs < 1:
        raise ValueError(f"epochs must be a positive int, got {epochs!r}")
    if not lr > 0:
        raise ValueError(f"lr must be > 0, got {lr!r}")
    if step_per not in STEP_PER:
        raise ValueError(f"step_per must be one of {STEP_PER}, got {step_per!r}")
    if scheduler is not None and not callable(scheduler):
        raise TypeError(
            "scheduler must be None or a callable (optimizer, steps_per_epoch, epochs) -> "
            f"scheduler, got {type(scheduler).__name__}"
        )
    if clip_grad_norm is not None and not clip_grad_norm > 0:
        raise ValueError(f"clip_grad_norm must be None or > 0, got {clip_grad_norm!r}")


def train(
    epochs: int = 20,
    lr: float = 0.1,
    optimizer: str = "sgd",
    momentum: float = 0.9,
    batch_size: int = 64,
    scheduler: SchedulerFactory | None = None,
    step_per: str = "epoch",
    seed: int = 0,
    hidden: int = 64,
    clip_grad_norm: float | None = None,
    progress: bool = False,
    data=None,
    test=None,
) -> History:
    """Train the digits MLP and record losses, accuracy and the lr of every optimizer step.

    Args:
        scheduler: None (constant lr) or `factory(optimizer, steps_per_epoch, epochs)`
            returning a torch scheduler.
        step_per: "batch" (scheduler.step() after every optimizer.step()), "epoch" (after
            each epoch) or "plateau" (scheduler.step(val_loss) after each epoch).
        data: optional (X_train, y_train, X_val, y_val); default load_digits_split(seed).
        test: optional (X_test, y_test), evaluated once after the last epoch
            (History.test_loss, History.test_acc); never seen by training or the scheduler.
        progress: show a tqdm bar over epochs (for notebooks).

    Runs on one thread (restored afterwards): faster for these tiny matrices, and the
    results do not depend on the machine's thread count.
    """
    _check_args(epochs, lr, step_per, scheduler, clip_grad_norm)
    if test is not None and (not isinstance(test, tuple | list) or len(test) != 2):
        raise ValueError("test must be None or a pair (X_test, y_test)")
    X_train, y_train, X_val, y_val = data if data is not None else load_digits_split(seed)
    model = make_model(seed, hidden)
    loader = make_loader(X_train, y_train, batch_size, seed)
    opt = optimizer_for(model, optimizer, lr, momentum)
    sched = scheduler(opt, len(loader), epochs) if scheduler is not None else None
    is_plateau = isinstance(sched, torch.optim.lr_scheduler.ReduceLROnPlateau)
    if is_plateau != (step_per == "plateau"):
        raise ValueError(
            "ReduceLROnPlateau needs step_per='plateau' (it steps on the validation loss), "
            "and step_per='plateau' needs a ReduceLROnPlateau"
        )
    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # tiny matrices: one thread is fastest, and immune to a busy CPU
    try:
        history = _fit(model, loader, opt, sched, step_per, epochs, clip_grad_norm, progress,
                       X_val, y_val)
        if test is not None:
            history.test_loss, history.test_acc = evaluate(model, *test)
        return history
    finally:
        torch.set_num_threads(threads)


def _fit(model, loader, opt, sched, step_per, epochs, clip_grad_norm, progress, X_val, y_val):
    """The training loop proper: returns the filled History."""
    history = History()
    epoch_range = range(epochs)
    if progress:
        from tqdm.auto import tqdm

        epoch_range = tqdm(epoch_range, desc="epochs", leave=False)
    start = time.perf_counter()
    for _ in epoch_range:
        model.train()
        history.epoch_lrs.append(opt.param_groups[0]["lr"])
        total, count = 0.0, 0
        for X, y in loader:
            opt.zero_grad()
            loss = nn.functional.cross_entropy(model(X), y)
            loss.backward()
            if clip_grad_norm is not None:
                nn.utils.clip_grad_norm_(model.parameters(), clip_grad_norm)
            history.lrs.append(opt.param_groups[0]["lr"])  # the lr this step uses
            opt.step()
            if sched is not None and step_per == "batch":
                sched.step()
            total += loss.item() * len(y)
            count += len(y)
        val_loss, val_acc = evaluate(model, X_val, y_val)
        if sched is not None and step_per == "epoch":
            sched.step()
        elif sched is not None and step_per == "plateau":
            sched.step(val_loss)  # ReduceLROnPlateau needs the metric
        history.train_loss.append(total / count)
        history.val_loss.append(val_loss)
        history.val_acc.append(val_acc)
        if progress:
            epoch_range.set_postfix(val_loss=f"{val_loss:.3f}", acc=f"{val_acc:.3f}")
    history.seconds = time.perf_counter() - start
    return history
