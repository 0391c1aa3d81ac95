"""The explorers' cached torch traces agree with the closed forms and the documented traces."""

import math

import pytest

from course_utils import explorer_traces


@pytest.mark.parametrize(("warmup", "total"), [(10, 100), (0, 40), (40, 40), (1, 30)])
def test_warmup_cosine_trace_matches_the_closed_form(warmup, total):
    max_lr, min_lr = 3e-4, 1e-6
    trace = explorer_traces.warmup_cosine_trace(warmup, total, max_lr, min_lr)
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
        explorer_traces.warmup_cosine_trace(50, 40, 1e-3, 0.0)


def test_plateau_trace_cuts_where_the_reference_says():
    losses = (1.0, 0.9) + (0.95,) * 8
    trace = explorer_traces.plateau_trace(losses, 0.1, 0.1, 2, 1e-4, 1, 0.0)
    cuts = [t for t in range(1, len(trace)) if trace[t] < trace[t - 1]]
    assert cuts == [5, 9]

def test_traces_are_cached_by_parameters():
    first = explorer_traces.step_trace(50, 0.1, 10, 0.5)
    assert explorer_traces.step_trace(50, 0.1, 10, 0.5) is first
    assert first[:11] == pytest.approx([0.1] * 10 + [0.05])
