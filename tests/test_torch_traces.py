"""torch_traces records the lrs torch's own schedulers set, per group, per step or per metric."""

import pytest
import torch

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
