"""schedules.range_test: the sweeps against torch and torch-lr-finder, the smoothings against
fastai's recursion (run with torch) and their closed forms."""

import math
import random

import pytest
import torch

from course_utils import schedules
from course_utils.torch_traces_part2 import lr_finder_trace, range_test_trace

SWEEPS = [(1e-7, 10.0, 100), (1e-5, 1.0, 51), (1e-8, 100.0, 400), (3e-4, 0.3, 2), (1e-3, 1e-3, 30),
          (2e-6, 5.0, 257)]


@pytest.mark.parametrize(("start_lr", "end_lr", "num_steps"), SWEEPS)
def test_exponential_sweep_is_torchs_exponential_lr(start_lr, end_lr, num_steps):
    torch_lrs = range_test_trace(start_lr, end_lr, num_steps)
    assert len(torch_lrs) == num_steps
    for step, want in enumerate(torch_lrs):
        got = schedules.range_test_lr(step, start_lr, end_lr, num_steps)
        assert got == pytest.approx(want, rel=1e-12)
    assert torch_lrs[0] == start_lr and math.isclose(torch_lrs[-1], end_lr, rel_tol=1e-12)


@pytest.mark.parametrize(("start_lr", "end_lr", "num_steps"), SWEEPS)
@pytest.mark.parametrize("step_mode", ["exp", "linear"])
def test_sweeps_are_torch_lr_finders_bit_for_bit(start_lr, end_lr, num_steps, step_mode):
    fn = schedules.range_test_lr if step_mode == "exp" else schedules.linear_range_test_lr
    ours = tuple(fn(step, start_lr, end_lr, num_steps) for step in range(num_steps))
    assert ours == lr_finder_trace(start_lr, end_lr, num_steps, step_mode)


def test_linear_sweep_may_start_at_zero_and_is_linear():
    lrs = [schedules.linear_range_test_lr(t, 0.0, 2.0, 5) for t in range(5)]
    assert lrs == [0.0, 0.5, 1.0, 1.5, 2.0]
    assert lr_finder_trace(0.0, 2.0, 5, "linear") == tuple(lrs)


def test_gamma_and_steps_per_decade():
    gamma = schedules.range_test_gamma()  # fastai's defaults: 1e-7 to 10 over 100 steps
    assert math.isclose(1e-7 * gamma**99, 10.0, rel_tol=1e-12)
    assert math.isclose(schedules.steps_per_decade(), 99 / 8)
    assert math.isclose(schedules.steps_per_decade(1e-4, 10.0, 101), 20.0)


def test_fastai_sweep_divides_by_num_steps_and_never_uses_end_lr():
    # fastai's docs: SchedExp(1, 2) at pos 0, .25, .5, .75, 1 -> 1, 1.18921, 1.41421, 1.68179, 2
    values = [schedules.fastai_lr(step, 1.0, 2.0, 4) for step in range(5)]
    assert values == pytest.approx([1.0, 1.18921, 1.41421, 1.68179, 2.0], abs=1e-5)
    last = schedules.fastai_lr(99)  # lr_find's last iteration with its defaults
    assert math.isclose(last, 1e-7 * 1e8**0.99) and last < 10.0 * 0.9


def fastai_avg_smooth_loss(losses, beta):
    """fastai's AvgSmoothLoss, as its source does it: val = torch.lerp(loss, val, beta),
    value = val / (1 - beta ** count)."""
    val, out = torch.tensor(0.0, dtype=torch.float64), []
    for count, loss in enumerate(losses, start=1):
        val = torch.lerp(torch.tensor(loss, dtype=torch.float64), val, beta)
        out.append((val / (1 - beta**count)).item())
    return out


@pytest.mark.parametrize("beta", [0.0, 0.5, 0.9, 0.98, 0.995])
def test_smoothed_losses_is_fastais_avg_smooth_loss(beta):
    rng = random.Random(beta)
    losses = [rng.uniform(0.1, 5.0) for _ in range(300)]
    got = schedules.smoothed_losses(losses, beta)
    assert got == pytest.approx(fastai_avg_smooth_loss(losses, beta), rel=1e-12)
    for i in (0, 1, 7, 150, 299):  # the closed form: a weighted mean with weights beta**(i-j)
        weights = [beta ** (i - j) for j in range(i + 1)]
        mean = math.fsum(w * x for w, x in zip(weights, losses, strict=False)) / math.fsum(weights)
        assert got[i] == pytest.approx(mean, rel=1e-12)


def test_smoothing_keeps_a_constant_and_the_first_loss():
    assert schedules.smoothed_losses([2.5] * 50) == pytest.approx([2.5] * 50, rel=1e-12)
    assert schedules.smoothed_losses([3.0, 1.0])[0] == 3.0
    assert schedules.smoothed_losses([]) == []
    assert schedules.smoothed_losses([1, 2, 3], beta=0) == [1.0, 2.0, 3.0]


def test_lr_finder_smoothing_starts_at_the_first_loss_without_correction():
    losses = [2.0, 1.0, 4.0, 3.0]
    got = schedules.lr_finder_smoothed(losses, smooth_f=0.5)
    assert got == [2.0, 1.5, 2.75, 2.875]
    assert schedules.lr_finder_smoothed(losses, smooth_f=0.0) == losses
    closed = [(1 - 0.05) ** 3 * 2.0 + 0.05 * sum((1 - 0.05) ** (3 - j) * losses[j]
                                                for j in range(1, 4))]
    assert schedules.lr_finder_smoothed(losses)[-1] == pytest.approx(closed[0], rel=1e-12)


@pytest.mark.parametrize(("call", "match"), [
    (lambda: schedules.range_test_lr(-1), "step"),
    (lambda: schedules.range_test_lr(0, 0.0), "start_lr"),
    (lambda: schedules.range_test_lr(0, 1e-3, -1.0), "end_lr"),
    (lambda: schedules.range_test_lr(0, 1e-3, 1.0, 1), "num_steps"),
    (lambda: schedules.range_test_lr(0, 1e-3, 1.0, 10.5), "whole number"),
    (lambda: schedules.linear_range_test_lr(0, -1.0, 1.0, 10), "start_lr"),
    (lambda: schedules.smoothed_losses([1.0], beta=1.0), "beta"),
    (lambda: schedules.smoothed_losses("1, 2"), "string"),
    (lambda: schedules.smoothed_losses(3.0), "list of numbers"),
    (lambda: schedules.lr_finder_smoothed([1.0], smooth_f=-0.1), "smooth_f"),
])
def test_bad_arguments_are_named(call, match):
    with pytest.raises(ValueError, match=match):
        call()
