"""torch_traces_part2: Part II's cached traces, each against what torch (or the closed form)
says."""

import math

import pytest

from course_utils import schedules, torch_traces_part2
from course_utils.torch_traces_part2 import lr_finder_trace, range_test_trace


def test_range_test_traces_are_the_sweep():
    torch_lrs = range_test_trace(1e-6, 1.0, 61)
    assert len(torch_lrs) == 61 and torch_lrs[0] == 1e-6
    assert torch_lrs[30] == pytest.approx(1e-3, rel=1e-12)
    assert len(range_test_trace(1e-6, 1.0, 61, n_steps=70)) == 71  # past the end: it keeps going
    finder = lr_finder_trace(1e-6, 1.0, 61)
    assert finder == tuple(schedules.range_test_lr(t, 1e-6, 1.0, 61) for t in range(61))
    assert lr_finder_trace(0.0, 1.0, 5, "linear") == (0.0, 0.25, 0.5, 0.75, 1.0)
    with pytest.raises(ValueError, match="step_mode"):
        lr_finder_trace(1e-6, 1.0, 61, "cos")


def test_sequential_and_chained_warmup_cosine_traces():
    handed = torch_traces_part2.sequential_warmup_cosine_trace(1.0, 3, 3, 5, 0.1, 0.0, 9)
    assert [round(lr, 4) for lr in handed] == [0.1, 0.4, 0.7, 1.0, 0.9045, 0.6545, 0.3455,
                                               0.0955, 0.0, 0.0955]
    chained = torch_traces_part2.chained_warmup_cosine_trace(1.0, 3, 5, 0.1, 0.0, 5)
    factors = [min(t, 3) / 3 * 0.9 + 0.1 for t in range(6)]
    cosine = [(1 + math.cos(math.pi * t / 5)) / 2 for t in range(6)]
    assert list(chained) == pytest.approx([f * c for f, c in zip(factors, cosine, strict=True)])


def test_warm_restarts_trace_restarts_at_the_cycle_ends():
    trace = torch_traces_part2.warm_restarts_trace(10, 2, 0.1, 0.0, 150)
    assert len(trace) == 151
    assert [t for t in range(1, 151) if trace[t] > trace[t - 1]] == [10, 30, 70, 150]
    assert trace[20] == pytest.approx(0.05)


def test_cyclic_trace_starts_at_base_lr_and_takes_step_size_down():
    trace = torch_traces_part2.cyclic_trace(0.0, 1.0, 2, "triangular", 1.0, 8, step_size_down=6)
    assert trace == pytest.approx([0.0, 0.5, 1.0, 5 / 6, 4 / 6, 3 / 6, 2 / 6, 1 / 6, 0.0])
    assert torch_traces_part2.cyclic_trace(0.001, 0.006, 2000, "triangular2", 1.0, 5000)[5000] == \
        pytest.approx(0.00225)


@pytest.mark.parametrize("optimizer", ["sgd", "adam"])
def test_cyclic_momentum_trace_moves_against_the_lr(optimizer):
    lrs, momentums = torch_traces_part2.cyclic_momentum_trace(1e-4, 1e-3, 4, "triangular", 1.0, 8,
                                                        optimizer=optimizer)
    assert (lrs[0], lrs[4], lrs[8]) == pytest.approx((1e-4, 1e-3, 1e-4))
    assert (momentums[0], momentums[4], momentums[8]) == pytest.approx((0.9, 0.8, 0.9))


def test_cyclic_momentum_trace_refuses_unknown_optimizers():
    with pytest.raises(ValueError, match="'sgd' or 'adam'"):
        torch_traces_part2.cyclic_momentum_trace(1e-4, 1e-3, 4, "triangular", 1.0, 8,
                                                 optimizer="lion")
