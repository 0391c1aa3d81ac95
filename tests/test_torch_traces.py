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
