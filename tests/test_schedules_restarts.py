"""schedules.restarts: warm restarts, CyclicLR and transformers' hard restarts, each against the
library that runs them (torch or transformers) over hundreds of steps and several parameter sets."""

import pytest
import torch
from torch.optim import lr_scheduler

from course_utils import schedules
from course_utils.torch_traces import lr_trace, make_optimizer

STEPS = 400


def _close(ours, theirs):
    assert len(ours) == len(theirs)
    for t, (a, b) in enumerate(zip(ours, theirs, strict=True)):
        assert a == pytest.approx(b, rel=1e-12, abs=1e-15), t


@pytest.mark.parametrize(("T_0", "T_mult", "max_lr", "min_lr"), [
    (10, 2, 0.1, 0.0), (1, 1, 0.3, 0.05), (7, 1, 1.0, 0.0), (1, 2, 0.5, 1e-3), (3, 3, 2e-3, 1e-5),
    (25, 4, 0.05, 0.0),
])
def test_warm_restarts_lr_matches_torch(T_0, T_mult, max_lr, min_lr):
    want = lr_trace(lambda opt: lr_scheduler.CosineAnnealingWarmRestarts(opt, T_0, T_mult, min_lr),
                    max_lr, STEPS)
    _close([schedules.warm_restarts_lr(t, T_0, T_mult, max_lr, min_lr) for t in range(STEPS + 1)],
           want)


def test_warm_restarts_lr_takes_torchs_fractional_epochs():
    optimizer = make_optimizer([0.1])
    scheduler = lr_scheduler.CosineAnnealingWarmRestarts(optimizer, T_0=10, T_mult=2)
    for epoch in (2.75, 10.5, 29.9, 31.25):
        scheduler.step(epoch)
        want = optimizer.param_groups[0]["lr"]
        assert schedules.warm_restarts_lr(epoch, 10, 2, 0.1) == pytest.approx(want, rel=1e-12)
    assert schedules.warm_restarts_lr(2.75, 10, 2, 0.1) == pytest.approx(0.08247, abs=5e-6)


@pytest.mark.parametrize(("T_0", "T_mult"), [(10, 2), (10, 1), (5, 3), (1, 2), (4, 4)])
def test_restart_steps_are_where_torch_jumps_up(T_0, T_mult):
    lrs = lr_trace(lambda opt: lr_scheduler.CosineAnnealingWarmRestarts(opt, T_0, T_mult), 0.1,
                   STEPS)
    restarts = schedules.restart_steps(T_0, T_mult, STEPS)
    assert restarts == [schedules.cycle_end(k, T_0, T_mult) for k in range(1, len(restarts) + 1)]
    assert all(lrs[t] == 0.1 for t in restarts)
    jumps = [t for t in range(1, STEPS + 1) if lrs[t] > lrs[t - 1]]
    assert jumps == [t for t in restarts if t > 1]  # with T_0 = 1, step 1 is at the max already


def test_cycle_ends_and_where_a_budget_should_stop():
    assert schedules.restart_steps(10, 2, 200) == [10, 30, 70, 150]
    assert schedules.cycle_end(0, 10, 2) == 0 and schedules.cycle_end(4, 10, 2) == 150
    assert schedules.cycle_end(3, 7) == 21
    assert [schedules.last_cycle_end(n, 10, 2) for n in (9, 10, 100, 150, 151)] == [
        0, 10, 70, 150, 150]
    lr_at_budget_end = schedules.warm_restarts_lr(99, 10, 2, 0.1)  # mid-cycle: high
    assert lr_at_budget_end > 0.6 * 0.1 > 0.001 > schedules.warm_restarts_lr(69, 10, 2, 0.1)


def test_eta_min_is_never_reached_at_whole_steps():
    lrs = [schedules.warm_restarts_lr(t, 10, 2, 0.1, 0.01) for t in range(200)]
    assert min(lrs) > 0.01
    assert schedules.warm_restarts_lr(29, 10, 2) == pytest.approx(6.2e-4, abs=5e-6)


@pytest.mark.parametrize("bad", [
    dict(T_0=0), dict(T_0=10.0), dict(T_mult=0), dict(T_mult=1.5), dict(T_mult=2.0),
])
def test_warm_restarts_refuse_what_torch_refuses(bad):
    args = {"T_0": 10, "T_mult": 2, **bad}
    with pytest.raises(ValueError):
        lr_scheduler.CosineAnnealingWarmRestarts(make_optimizer([0.1]), **args)
    name = next(iter(bad))
    with pytest.raises(ValueError, match=name):
        schedules.warm_restarts_lr(5, **args)
    with pytest.raises(ValueError, match=name):
        schedules.restart_steps(until=50, **args)


def test_a_bool_is_not_a_cycle_length():
    with pytest.raises(ValueError, match="T_0 must be an integer"):
        schedules.warm_restarts_lr(3, True)


@pytest.mark.parametrize(("base_lr", "max_lr", "up", "down", "mode", "gamma"), [
    (0.001, 0.006, 20, None, "triangular", 1.0),
    (0.001, 0.006, 20, None, "triangular2", 1.0),
    (0.01, 0.1, 7, None, "exp_range", 0.995),
    (0.0, 1.0, 2, 6, "triangular", 1.0),
    (0.05, 0.5, 9, 3, "triangular2", 1.0),
    (1e-4, 1e-3, 1, 1, "exp_range", 0.99),
    (0.2, 0.2, 5, None, "triangular", 1.0),
])
def test_cyclic_lr_and_momentum_match_torch(base_lr, max_lr, up, down, mode, gamma):
    optimizer = make_optimizer([0.5], momentum=0.9)
    scheduler = lr_scheduler.CyclicLR(optimizer, base_lr, max_lr, up, down, mode, gamma)
    group, lrs, momentums = optimizer.param_groups[0], [], []
    for _ in range(STEPS + 1):
        lrs.append(group["lr"])
        momentums.append(group["momentum"])
        optimizer.step()
        scheduler.step()
    _close([schedules.cyclic_lr(t, base_lr, max_lr, up, mode, gamma, step_size_down=down)
            for t in range(STEPS + 1)], lrs)
    _close([schedules.cyclic_momentum(t, up, mode, gamma, step_size_down=down)
            for t in range(STEPS + 1)], momentums)


def test_cyclic_numbers_of_smiths_run():
    lrs = [schedules.cyclic_lr(t, 0.001, 0.006, 2000, "triangular2")
           for t in (1000, 2000, 5000, 6000)]
    assert lrs == pytest.approx([0.0035, 0.006, 0.00225, 0.0035])
    assert schedules.cyclic_lr(0, 0.001, 0.006) == 0.001  # base_lr at construction


def test_cyclic_momentum_on_adam_is_beta1():
    optimizer = torch.optim.Adam([torch.zeros(1, requires_grad=True)], lr=0.5,
                                 betas=(0.95, 0.999))
    scheduler = lr_scheduler.CyclicLR(optimizer, 1e-4, 1e-3, step_size_up=3)
    betas = []
    for _ in range(13):
        betas.append(optimizer.param_groups[0]["betas"][0])
        optimizer.step()
        scheduler.step()
    _close([schedules.cyclic_momentum(t, 3) for t in range(13)], betas)
    assert betas[0] == 0.9  # the 0.95 the optimizer was built with is overwritten


@pytest.mark.parametrize(("kwargs", "match"), [
    (dict(mode="triangular3"), "mode must be one of"),
    (dict(step_size_up=0), "step_size_up"),
    (dict(gamma=0.0), "gamma"),
    (dict(base_lr="0.1"), "base_lr"),
    (dict(step=-1), "step"),
])
def test_cyclic_lr_bad_input_is_a_clear_error(kwargs, match):
    args = {"step": 3, "base_lr": 0.01, "max_lr": 0.1, "step_size_up": 4, **kwargs}
    with pytest.raises(ValueError, match=match):
        schedules.cyclic_lr(**args)


@pytest.mark.parametrize(("warmup", "total", "cycles"), [
    (10, 100, 3), (0, 90, 3), (5, 105, 4), (7, 50, 1), (0, 100, 2.5), (20, 21, 2), (0, 1, 1),
])
def test_hard_restarts_match_transformers(warmup, total, cycles):
    from transformers import get_cosine_with_hard_restarts_schedule_with_warmup as hf

    want = lr_trace(lambda opt: hf(opt, warmup, total, cycles), 0.3, total + 50)
    ours = [schedules.cosine_hard_restarts_lr(t, warmup, total, cycles, 0.3)
            for t in range(total + 51)]
    assert ours == want  # the same float operations: equal to the last bit
    builder = lr_trace(lambda opt: schedules.get_cosine_hard_restarts_scheduler(
        opt, warmup, total, cycles), 0.3, total + 50)
    assert builder == want


def test_hard_restarts_without_warmup_are_torchs_sgdr_until_the_end():
    for T_0, cycles in [(10, 3), (33, 2), (7, 5)]:
        total = T_0 * cycles
        hard = [schedules.cosine_hard_restarts_lr(t, 0, total, cycles, 0.1)
                for t in range(2 * total)]
        sgdr = [schedules.warm_restarts_lr(t, T_0, 1, 0.1) for t in range(2 * total)]
        assert hard[:total] == pytest.approx(sgdr[:total], abs=1e-15)
        assert max(hard[total:]) == 0.0 and max(sgdr[total:]) == 0.1
