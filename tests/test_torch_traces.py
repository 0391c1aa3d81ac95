"""torch_traces records the lrs torch's own schedulers set: lr_trace, one wrapper per scheduler."""

import math

import pytest
import torch

from course_utils import torch_traces
from course_utils.torch_traces import build_scheduler, lr_trace, make_optimizer, scheduler_trace


def test_one_base_lr_gives_a_flat_trace_from_t_0():
    trace = lr_trace(lambda opt: torch.optim.lr_scheduler.StepLR(opt, 2, 0.5), 0.1, 4)
    assert trace == pytest.approx([0.1, 0.1, 0.05, 0.05, 0.025])


def test_several_groups_give_one_row_per_step():
    trace = lr_trace(lambda opt: torch.optim.lr_scheduler.ExponentialLR(opt, 0.5), [1.0, 0.1], 2)
    assert trace == [pytest.approx([1.0, 0.1]), pytest.approx([0.5, 0.05]),
                     pytest.approx([0.25, 0.025])]


def test_metrics_drive_reduce_on_plateau():
    trace = lr_trace(
        lambda opt: torch.optim.lr_scheduler.ReduceLROnPlateau(opt, patience=0, factor=0.5),
        1.0, 0, metrics=[1.0, 1.0, 1.0],
    )
    assert trace == pytest.approx([1.0, 1.0, 0.5, 0.25])


def test_scheduler_by_name_matches_the_class():
    by_name = scheduler_trace("StepLR", 0.1, 10, step_size=3, gamma=0.1)
    by_class = lr_trace(lambda opt: torch.optim.lr_scheduler.StepLR(opt, 3, 0.1), 0.1, 10)
    assert by_name == by_class


@pytest.mark.parametrize("name", ["NoSuchLR", "Optimizer", "_LRScheduler_typo"])
def test_unknown_scheduler_names_are_refused(name):
    with pytest.raises(ValueError, match="unknown torch scheduler"):
        build_scheduler(make_optimizer([0.1]), name)


@pytest.mark.parametrize(("warmup", "total"), [(10, 100), (0, 40), (40, 40), (1, 30)])
def test_warmup_cosine_trace_matches_the_closed_form(warmup, total):
    max_lr, min_lr = 3e-4, 1e-6
    trace = torch_traces.warmup_cosine_trace(warmup, total, max_lr, min_lr)
    assert len(trace) == total + 1
    for step, lr in enumerate(trace):
        if step >= total:
            expected = min_lr
        elif step < warmup:
            expected = max_lr * step / warmup
        else:
            progress = (step - warmup) / max(1, total - warmup)
            expected = min_lr + (max_lr - min_lr) * (1 + math.cos(math.pi * progress)) / 2
        assert lr == pytest.approx(expected, rel=1e-8, abs=1e-12), step


def test_warmup_cosine_trace_rejects_warmup_past_total():
    with pytest.raises(ValueError, match="warmup_steps"):
        torch_traces.warmup_cosine_trace(50, 40, 1e-3, 0.0)


def test_plateau_trace_cuts_where_the_reference_says():
    losses = (1.0, 0.9) + (0.95,) * 8
    trace = torch_traces.plateau_trace(losses, 0.1, 0.1, 2, 1e-4, 1, 0.0)
    cuts = [t for t in range(1, len(trace)) if trace[t] < trace[t - 1]]
    assert cuts == [5, 9]


def test_traces_are_cached_by_parameters():
    first = torch_traces.step_trace(0.1, 10, 0.5, 50)
    assert torch_traces.step_trace(0.1, 10, 0.5, 50) is first
    assert first[:11] == pytest.approx([0.1] * 10 + [0.05])


def test_range_test_traces_are_the_sweep():
    from course_utils import schedules
    from course_utils.torch_traces import lr_finder_trace, range_test_trace

    torch_lrs = range_test_trace(1e-6, 1.0, 61)
    assert len(torch_lrs) == 61 and torch_lrs[0] == 1e-6
    assert torch_lrs[30] == pytest.approx(1e-3, rel=1e-12)
    assert len(range_test_trace(1e-6, 1.0, 61, n_steps=70)) == 71  # past the end: it keeps going
    finder = lr_finder_trace(1e-6, 1.0, 61)
    assert finder == tuple(schedules.range_test_lr(t, 1e-6, 1.0, 61) for t in range(61))
    assert lr_finder_trace(0.0, 1.0, 5, "linear") == (0.0, 0.25, 0.5, 0.75, 1.0)
    with pytest.raises(ValueError, match="step_mode"):
        lr_finder_trace(1e-6, 1.0, 61, "cos")


def test_specs_build_nested_containers_and_swalr():
    children = [{"scheduler": "ConstantLR", "kwargs": {"factor": 0.1, "total_iters": 2}},
                {"scheduler": "ExponentialLR", "kwargs": {"gamma": 0.5}}]
    chained = {"scheduler": "ChainedScheduler", "kwargs": {"schedulers": children}}
    trace = lr_trace(lambda opt: torch_traces.scheduler_from_spec(opt, chained), 1.0, 3)
    assert trace == pytest.approx([0.1, 0.05, 0.25, 0.125])  # the factors multiply
    swa = torch_traces.scheduler_from_spec(make_optimizer([0.1]), {
        "scheduler": "SWALR", "kwargs": {"swa_lr": 0.05}})
    assert isinstance(swa, torch.optim.swa_utils.SWALR)
    assert torch_traces.scheduler_class("SWALR") is torch.optim.swa_utils.SWALR


def test_sequential_and_chained_warmup_cosine_traces():
    handed = torch_traces.sequential_warmup_cosine_trace(1.0, 3, 3, 5, 0.1, 0.0, 9)
    assert [round(lr, 4) for lr in handed] == [0.1, 0.4, 0.7, 1.0, 0.9045, 0.6545, 0.3455,
                                               0.0955, 0.0, 0.0955]
    chained = torch_traces.chained_warmup_cosine_trace(1.0, 3, 5, 0.1, 0.0, 5)
    factors = [min(t, 3) / 3 * 0.9 + 0.1 for t in range(6)]
    cosine = [(1 + math.cos(math.pi * t / 5)) / 2 for t in range(6)]
    assert list(chained) == pytest.approx([f * c for f, c in zip(factors, cosine, strict=True)])


def test_warm_restarts_trace_restarts_at_the_cycle_ends():
    trace = torch_traces.warm_restarts_trace(10, 2, 0.1, 0.0, 150)
    assert len(trace) == 151
    assert [t for t in range(1, 151) if trace[t] > trace[t - 1]] == [10, 30, 70, 150]
    assert trace[20] == pytest.approx(0.05)


def test_cyclic_trace_starts_at_base_lr_and_takes_step_size_down():
    trace = torch_traces.cyclic_trace(0.0, 1.0, 2, "triangular", 1.0, 8, step_size_down=6)
    assert trace == pytest.approx([0.0, 0.5, 1.0, 5 / 6, 4 / 6, 3 / 6, 2 / 6, 1 / 6, 0.0])
    assert torch_traces.cyclic_trace(0.001, 0.006, 2000, "triangular2", 1.0, 5000)[5000] == \
        pytest.approx(0.00225)


@pytest.mark.parametrize("optimizer", ["sgd", "adam"])
def test_cyclic_momentum_trace_moves_against_the_lr(optimizer):
    lrs, momentums = torch_traces.cyclic_momentum_trace(1e-4, 1e-3, 4, "triangular", 1.0, 8,
                                                        optimizer=optimizer)
    assert (lrs[0], lrs[4], lrs[8]) == pytest.approx((1e-4, 1e-3, 1e-4))
    assert (momentums[0], momentums[4], momentums[8]) == pytest.approx((0.9, 0.8, 0.9))


def test_cyclic_momentum_trace_refuses_unknown_optimizers():
    with pytest.raises(ValueError, match="'sgd' or 'adam'"):
        torch_traces.cyclic_momentum_trace(1e-4, 1e-3, 4, "triangular", 1.0, 8, optimizer="lion")
