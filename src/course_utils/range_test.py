"""The LR range test on the digits: the sweep, the stop at divergence, the suggestions, the restore.

fastai's version (an exponential sweep, the bias-corrected smoothed training loss, a stop when
it passes 4 × its minimum) and Smith's (a linear sweep, the validation accuracy read every few
steps) share one loop, `run_range_test`; `digits_range_test` runs it on a fresh model and caches it
for the explorer. The suggestion rules read a curve: `suggest_minimum` (the minimum / 10),
`suggest_steepest` (the steepest descent in log lr) and `suggest_valley` (fastai's default).
"""

import contextlib
import copy
import io
import math
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import torch
from torch import nn

from course_utils.schedules.range_test import (
    linear_range_test_lr,
    range_test_lr,
    smoothed_losses,
)
from course_utils.training import evaluate, load_digits_split, make_loader, make_model

SWEEPS: dict[str, Callable[..., float]] = {"exp": range_test_lr, "linear": linear_range_test_lr}


@dataclass
class RangeTest:
    """One range test: the lr and the raw training loss of every iteration it ran.

    `accuracy` holds (iteration, validation accuracy) pairs when the test read the accuracy
    (Smith's version); `stopped` is the iteration the divergence stop ended it on (None: it ran
    all its iterations).
    """

    lrs: list[float] = field(default_factory=list)
    losses: list[float] = field(default_factory=list)
    accuracy: list[tuple[int, float]] = field(default_factory=list)
    stopped: int | None = None

    def smoothed(self, beta: float = 0.98) -> list[float]:
        """fastai's bias-corrected smoothed losses."""
        return smoothed_losses(self.losses, beta)


def endless(loader: Iterable) -> Iterator:
    """The loader's batches, epoch after epoch (a new shuffled order each time), as
    torch-lr-finder's TrainDataLoaderIter does."""
    while True:
        yield from loader


def divergence_step(smoothed: Sequence[float], factor: float = 4.0) -> int | None:
    """The first iteration whose smoothed loss exceeds `factor` × the lowest so far (or is
    NaN): where fastai's lr_find stops (factor 4). None if there is none."""
    best = math.inf
    for i, loss in enumerate(smoothed):
        best = min(best, loss)
        if math.isnan(loss) or loss > factor * best:
            return i
    return None


def run_range_test(model: nn.Module, optimizer: torch.optim.Optimizer, loader: Iterable,
               start_lr: float = 1e-7, end_lr: float = 10.0, num_steps: int = 100,
               mode: str = "exp", beta: float = 0.98, diverge: float | None = 4.0,
               val_data=None, read_every: int = 1, restore: bool = True) -> RangeTest:
    """Train with the lr swept from start_lr to end_lr over num_steps iterations.

    Each iteration sets every param group's lr to the sweep's value, takes one optimizer step
    on the next batch and records that lr and the batch's loss. `diverge`: stop once the
    smoothed loss (beta) exceeds diverge × its minimum (None: never stop). With val_data
    (X, y), the validation accuracy is read every `read_every` iterations (Smith's test).
    `restore`: put back the model's and the optimizer's state (bit for bit) at the end.
    """
    if mode not in SWEEPS:
        raise ValueError(f"mode must be one of {sorted(SWEEPS)}, got {mode!r}")
    if diverge is not None and not diverge > 1:
        raise ValueError(f"diverge must be None or > 1, got {diverge!r}")
    if isinstance(read_every, bool) or not isinstance(read_every, int) or read_every < 1:
        raise ValueError(f"read_every must be a positive int, got {read_every!r}")
    sweep = SWEEPS[mode]
    sweep(0, start_lr, end_lr, num_steps)  # a bad start_lr, end_lr or num_steps: ValueError now
    saved = (copy.deepcopy(model.state_dict()), copy.deepcopy(optimizer.state_dict()))
    result, batches = RangeTest(), endless(loader)
    try:
        for step in range(num_steps):
            lr = sweep(step, start_lr, end_lr, num_steps)
            for group in optimizer.param_groups:
                group["lr"] = lr
            model.train()
            inputs, targets = next(batches)
            optimizer.zero_grad()
            loss = nn.functional.cross_entropy(model(inputs), targets)
            loss.backward()
            optimizer.step()
            result.lrs.append(lr)
            result.losses.append(loss.item())
            if val_data is not None and (step + 1) % read_every == 0:
                result.accuracy.append((step, evaluate(model, *val_data)[1]))
            if diverge is not None and divergence_step(result.smoothed(beta), diverge) == step:
                result.stopped = step
                break
    finally:
        if restore:
            model.load_state_dict(saved[0])
            optimizer.load_state_dict(saved[1])
    return result


def _window(lrs: Sequence[float], losses: Sequence[float], skip_start: int, skip_end: int):
    lrs, losses = list(lrs), list(losses)
    if len(lrs) != len(losses):
        raise ValueError(f"one loss per lr: got {len(lrs)} lrs and {len(losses)} losses")
    end = len(lrs) - skip_end
    if end - skip_start < 2:
        raise ValueError(f"need at least 2 points after skipping {skip_start} at the start and "
                         f"{skip_end} at the end; got {len(lrs)}")
    return lrs[skip_start:end], losses[skip_start:end]


def suggest_minimum(lrs, losses, skip_start: int = 0, skip_end: int = 0) -> float:
    """fastai's `minimum`: the lr of the lowest (smoothed) loss, divided by 10."""
    lrs, losses = _window(lrs, losses, skip_start, skip_end)
    return lrs[min(range(len(losses)), key=losses.__getitem__)] / 10


def suggest_steepest(lrs, losses, skip_start: int = 0, skip_end: int = 0) -> float:
    """fastai's `steep`: the lr where the loss falls fastest per unit of log(lr) (the left end
    of the steepest segment)."""
    lrs, losses = _window(lrs, losses, skip_start, skip_end)
    slopes = [(losses[i + 1] - losses[i]) / (math.log(lrs[i + 1]) - math.log(lrs[i]))
              for i in range(len(lrs) - 1)]
    return lrs[min(range(len(slopes)), key=slopes.__getitem__)]


def suggest_valley(lrs, losses, skip_start: int = 0, skip_end: int = 0) -> float:
    """fastai's `valley` (lr_find's default): the middle of the longest run of points along
    which the loss keeps falling (a longest decreasing subsequence)."""
    lrs, losses = _window(lrs, losses, skip_start, skip_end)
    n = len(losses)
    longest, start, end = [1] * n, 0, 0
    for i in range(1, n):
        for j in range(i):
            if losses[i] < losses[j] and longest[i] < longest[j] + 1:
                longest[i] = longest[j] + 1
            if longest[end] < longest[i]:
                end, start = i, i - longest[i]
    sections = (end - start) / 3
    return lrs[start + int(sections) + int(sections / 2)]


RULES: dict[str, Callable[..., float]] = {
    "minimum / 10": suggest_minimum, "steepest": suggest_steepest, "valley": suggest_valley,
}


def suggestion_window(num_points: int, num_steps: int) -> tuple[int, int]:
    """(skip_start, skip_end) as fastai's lr_find reads a curve: the first num_steps // 10 and
    the last 5 points left out, or none when that would leave fewer than 2 points."""
    skip_start, skip_end = num_steps // 10, 5
    return (skip_start, skip_end) if num_points - skip_start - skip_end >= 2 else (0, 0)


def read_curve(lrs, smoothed, num_steps: int | None = None, rule: str = "minimum / 10",
               stop_factor: float = 4.0) -> tuple[int | None, int, float]:
    """Read a sweep as lr_find does: (the step it stops at, or None; how many points come
    before the stop, it included; the rule's suggestion over those points, fastai's window).

    num_steps: the sweep's planned length (default: len(lrs)); rule: a key of RULES."""
    if rule not in RULES:
        raise ValueError(f"rule must be one of {list(RULES)}, got {rule!r}")
    num_steps = len(lrs) if num_steps is None else num_steps
    stop = divergence_step(smoothed, stop_factor)
    kept = len(smoothed) if stop is None else stop + 1
    skip_start, skip_end = suggestion_window(kept, num_steps)
    suggestion = RULES[rule](lrs[:kept], smoothed[:kept], skip_start, skip_end)
    return stop, kept, suggestion


@lru_cache(maxsize=64)
def digits_range_test(seed: int = 0, batch_size: int = 64, start_lr: float = 1e-7,
                      end_lr: float = 10.0, num_steps: int = 100, momentum: float = 0.9,
                      mode: str = "exp") -> RangeTest:
    """A full sweep (no stop) on a fresh digits MLP with SGD: the curve the explorer reads."""
    X_train, y_train, _, _ = load_digits_split(seed)
    model = make_model(seed)
    optimizer = torch.optim.SGD(model.parameters(), lr=start_lr, momentum=momentum)
    loader = make_loader(X_train, y_train, batch_size, seed)
    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # tiny matrices: one thread is fastest
    try:
        return run_range_test(model, optimizer, loader, start_lr, end_lr, num_steps, mode,
                          diverge=None)
    finally:
        torch.set_num_threads(threads)


@contextlib.contextmanager
def quiet_lr_finder():
    """Run torch-lr-finder without its progress bar and prints (for stored notebook outputs)."""
    from torch_lr_finder import lr_finder

    original = lr_finder.tqdm

    def silent(iterable, *args, **kwargs):
        return iterable

    lr_finder.tqdm = silent
    try:
        with contextlib.redirect_stdout(io.StringIO()) as printed:
            yield printed
    finally:
        lr_finder.tqdm = original
