"""hf_traces records the lrs transformers' schedule functions set, like torch_traces does."""

import pytest

from course_utils import hf_traces, schedules


@pytest.mark.parametrize(("warmup", "total", "cycles"), [(10, 100, 3), (0, 60, 2), (5, 40, 1)])
def test_hard_restarts_trace_is_transformers_schedule(warmup, total, cycles):
    trace = hf_traces.hard_restarts_trace(warmup, total, cycles, 0.1, total + 10)
    assert len(trace) == total + 11
    assert trace == tuple(schedules.cosine_hard_restarts_lr(t, warmup, total, cycles, 0.1)
                          for t in range(total + 11))
    assert trace[0] == (0.0 if warmup else 0.1) and max(trace[total:]) == 0.0


def test_hard_restarts_trace_is_cached():
    first = hf_traces.hard_restarts_trace(10, 100, 3, 0.1, 100)
    assert hf_traces.hard_restarts_trace(10, 100, 3, 0.1, 100) is first
    rises = [t for t in range(11, 101) if first[t] > first[t - 1]]
    assert rises == [40, 70]  # num_cycles = 3: two restarts
