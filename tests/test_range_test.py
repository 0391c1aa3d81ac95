"""range_test: the hand-written loop against torch-lr-finder, the restore, the stop, the rules."""

import math

import pytest
import torch

from course_utils import range_test as rt
from course_utils.schedules import lr_finder_smoothed, range_test_lr
from course_utils.training import load_digits_split, make_loader, make_model


@pytest.fixture(scope="module")
def digits():
    return load_digits_split(0)


def fresh(seed=0, lr=1e-7):
    model = make_model(seed)
    return model, torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9)


def test_the_loop_agrees_with_torch_lr_finder_bit_for_bit(digits):
    from torch_lr_finder import LRFinder, TrainDataLoaderIter

    X, y, _, _ = digits
    model, optimizer = fresh()
    ours = rt.run_range_test(model, optimizer, make_loader(X, y, 64, 0), 1e-5, 10.0, 60,
                             diverge=None)
    model, optimizer = fresh()
    finder = LRFinder(model, optimizer, torch.nn.CrossEntropyLoss())
    with rt.quiet_lr_finder() as printed:
        # it takes a DataLoader or a TrainDataLoaderIter: course_utils' loader goes in wrapped
        finder.range_test(TrainDataLoaderIter(make_loader(X, y, 64, 0)), start_lr=1e-5,
                          end_lr=10.0, num_iter=60)
    n = len(finder.history["lr"])
    assert finder.history["lr"] == ours.lrs[:n]  # the same floats, not merely close
    assert finder.history["loss"] == lr_finder_smoothed(ours.losses, 0.05)[:n]
    stop = rt.divergence_step(lr_finder_smoothed(ours.losses, 0.05), 5.0)
    assert n == (stop + 1 if stop is not None else 60)
    assert "Learning rate search finished" in printed.getvalue()


def test_restore_is_bit_for_bit_and_skipping_it_is_not(digits):
    X, y, _, _ = digits
    model, optimizer = fresh(lr=0.05)
    optimizer.step()  # a non-empty optimizer state: momentum buffers
    for p in model.parameters():
        p.grad = torch.ones_like(p)
    optimizer.step()
    before_model = {k: v.clone() for k, v in model.state_dict().items()}
    before_opt = optimizer.state_dict()
    buffers = [optimizer.state[p]["momentum_buffer"].clone() for p in model.parameters()]
    rt.run_range_test(model, optimizer, make_loader(X, y, 64, 0), num_steps=30)
    assert all(torch.equal(before_model[k], v) for k, v in model.state_dict().items())
    assert optimizer.param_groups[0]["lr"] == before_opt["param_groups"][0]["lr"] == 0.05
    assert all(torch.equal(optimizer.state[p]["momentum_buffer"], b)
               for p, b in zip(model.parameters(), buffers, strict=True))
    rt.run_range_test(model, optimizer, make_loader(X, y, 64, 0), num_steps=30, restore=False)
    assert not all(torch.equal(before_model[k], v) for k, v in model.state_dict().items())
    assert optimizer.param_groups[0]["lr"] == range_test_lr(29, 1e-7, 10.0, 30)


def test_the_restore_happens_even_when_the_loop_raises():
    model, optimizer = fresh()
    before = {k: v.clone() for k, v in model.state_dict().items()}
    bad_batches = [(torch.rand(4, 64), torch.tensor([0, 1, 2, 3]))] * 3 + [(torch.rand(4, 3), None)]
    with pytest.raises(RuntimeError):
        rt.run_range_test(model, optimizer, bad_batches, num_steps=10, diverge=None)
    assert all(torch.equal(before[k], v) for k, v in model.state_dict().items())


def test_divergence_step_is_fastais_rule():
    assert rt.divergence_step([3.0, 2.0, 1.0, 3.9, 4.1]) == 4  # 4.1 > 4 * 1.0
    assert rt.divergence_step([3.0, 2.0, 1.0, 3.9]) is None
    assert rt.divergence_step([1.0, math.nan]) == 1
    assert rt.divergence_step([1.0, 2.0, 5.1], factor=5.0) == 2


def test_stops_at_divergence_and_records_accuracy(digits):
    X, y, Xv, yv = digits
    model, optimizer = fresh()
    result = rt.run_range_test(model, optimizer, make_loader(X, y, 64, 0), 1e-3, 50.0, 80,
                               beta=0.5)
    assert result.stopped is not None and len(result.losses) == result.stopped + 1
    assert rt.divergence_step(result.smoothed(0.5)) == result.stopped
    model, optimizer = fresh()
    linear = rt.run_range_test(model, optimizer, make_loader(X, y, 64, 0), 0.0, 1.0, 20,
                               mode="linear", diverge=None, val_data=(Xv, yv), read_every=5)
    assert linear.lrs[0] == 0.0 and linear.lrs[-1] == 1.0
    assert [step for step, _ in linear.accuracy] == [4, 9, 14, 19]
    assert all(0.0 <= acc <= 1.0 for _, acc in linear.accuracy)


@pytest.mark.parametrize(("kwargs", "match"), [
    ({"mode": "cosine"}, "mode"), ({"diverge": 1.0}, "diverge"), ({"read_every": 0}, "read_every"),
    ({"num_steps": 1}, "num_steps"), ({"start_lr": 0.0}, "start_lr"),
])
def test_bad_arguments(kwargs, match):
    model, optimizer = fresh()
    with pytest.raises(ValueError, match=match):
        rt.run_range_test(model, optimizer, [], **kwargs)


def test_suggestion_rules_on_a_known_curve():
    lrs = [10 ** (k / 10 - 5) for k in range(41)]  # 1e-5 .. 1e-1
    losses = [2.0] * 10 + [2.0 - 0.1 * k for k in range(1, 16)] + [0.5 + 0.3 * k for k in range(16)]
    low = losses.index(min(losses))
    assert rt.suggest_minimum(lrs, losses) == pytest.approx(lrs[low] / 10)
    losses[15] -= 0.5  # one steep segment: from point 14 to 15
    assert rt.suggest_steepest(lrs, losses) == lrs[14]
    # longest decreasing run: 2.0 (a point 0-9), 1.9-1.5 (10-14), 1.3-0.5 (16-24): 15 points
    # ending at 24, so start = 24 - 15 = 9 and fastai's index 9 + int(5) + int(2.5) = 16
    assert rt.suggest_valley(lrs, losses) == lrs[16]
    assert rt.suggest_minimum(lrs, losses, skip_start=30) == pytest.approx(lrs[30] / 10)
    with pytest.raises(ValueError, match="one loss per lr"):
        rt.suggest_minimum(lrs, losses[:-1])
    with pytest.raises(ValueError, match="at least 2 points"):
        rt.suggest_valley(lrs, losses, skip_start=20, skip_end=20)


def test_digits_range_test_is_deterministic_and_cached():
    first = rt.digits_range_test(1, 128, 1e-4, 10.0, 30)
    again = rt.digits_range_test(1, 128, 1e-4, 10.0, 30)
    assert first is again
    rt.digits_range_test.cache_clear()
    assert rt.digits_range_test(1, 128, 1e-4, 10.0, 30).losses == first.losses
    assert first.stopped is None and len(first.losses) == 30


def test_quiet_lr_finder_restores_its_progress_bar():
    from torch_lr_finder import lr_finder

    original = lr_finder.tqdm
    with rt.quiet_lr_finder():
        assert lr_finder.tqdm is not original
        print("swallowed")
    assert lr_finder.tqdm is original
