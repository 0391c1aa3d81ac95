"""schedules.llm against transformers' own schedule functions, run on a torch optimizer."""

import math

import pytest

from course_utils import schedules as s
from course_utils.hf_traces import hf_trace, noam_trace, wsd_trace

STEPS = 400
REL_TOL = 1e-12


def assert_close(got, want):
    scale = max(abs(w) for w in want)
    for t, (g, w) in enumerate(zip(got, want, strict=True)):
        assert abs(g - w) <= REL_TOL * scale, f"t={t}: got {g!r}, transformers {w!r}"


@pytest.mark.parametrize("base_lr, warmup, total", [(0.1, 10, 300), (3e-4, 0, 250),
                                                     (1.0, 400, 400), (5e-5, 37, 120)])
def test_linear_with_warmup_matches_transformers(base_lr, warmup, total):
    want = hf_trace("get_linear_schedule_with_warmup", base_lr, STEPS, num_warmup_steps=warmup,
                    num_training_steps=total)
    got = [s.linear_with_warmup_lr(t, base_lr, warmup, total) for t in range(STEPS + 1)]
    assert_close(got, want)


@pytest.mark.parametrize("base_lr, warmup, total, cycles, floor", [
    (0.1, 10, 300, 0.5, 0.0), (3e-4, 20, 200, 0.5, 0.1), (1e-3, 0, 150, 1.5, 0.0),
    (2e-5, 50, 50, 0.5, 0.05), (0.5, 7, 333, 0.25, 0.3),
])
def test_cosine_with_warmup_matches_transformers(base_lr, warmup, total, cycles, floor):
    if floor:
        want = hf_trace("get_cosine_with_min_lr_schedule_with_warmup", base_lr, STEPS,
                        num_warmup_steps=warmup, num_training_steps=total, num_cycles=cycles,
                        min_lr_rate=floor)
    else:
        want = hf_trace("get_cosine_schedule_with_warmup", base_lr, STEPS,
                        num_warmup_steps=warmup, num_training_steps=total, num_cycles=cycles)
    got = [s.cosine_with_warmup_lr(t, base_lr, warmup, total, cycles, floor)
           for t in range(STEPS + 1)]
    assert_close(got, want)
    if cycles == 0.5 and warmup < total <= STEPS - 50:  # not clamped: it rises past the end
        assert got[total + 50] > got[total]


@pytest.mark.parametrize("base_lr, warmup, timescale", [(0.1, 10, None), (1e-3, 100, 30),
                                                        (0.01, 0, None), (0.5, 4, 4)])
def test_inverse_sqrt_matches_transformers(base_lr, warmup, timescale):
    want = hf_trace("get_inverse_sqrt_schedule", base_lr, STEPS, num_warmup_steps=warmup,
                    timescale=timescale)
    got = [s.inverse_sqrt_lr(t, base_lr, warmup, timescale) for t in range(STEPS + 1)]
    assert_close(got, want)


@pytest.mark.parametrize("d_model, warmup, factor", [(512, 4000, 1.0), (1024, 50, 2.0),
                                                     (64, 1, 1.0), (256, 399, 0.5)])
def test_noam_is_inverse_sqrt_scaled(d_model, warmup, factor):
    n = max(STEPS, 2 * warmup)
    want = noam_trace(d_model, warmup, factor, n)
    got = [s.noam_lr(t, d_model, warmup, factor) for t in range(n + 1)]
    assert got[0] == 0.0 == want[0]
    assert_close(got, want)
    assert max(want) == pytest.approx(s.noam_peak(d_model, warmup, factor), rel=1e-12)
    assert max(range(n + 1), key=want.__getitem__) == warmup


def test_noam_peak_of_the_paper():
    assert s.noam_peak(512, 4000) == pytest.approx(6.988e-4, rel=1e-3)
    assert s.noam_lr(4000) == pytest.approx(s.noam_peak(512, 4000), rel=1e-12)


@pytest.mark.parametrize("decay_type", ["linear", "cosine", "1-sqrt"])
@pytest.mark.parametrize("total, warmup, decay, max_lr, min_lr", [
    (300, 20, 60, 0.1, 0.0), (250, 0, 25, 3e-4, 3e-5), (200, 50, 150, 1.0, 0.1),
    (120, 10, 0, 0.01, 0.001), (100, 1, 1, 0.5, 0.05),
])
def test_wsd_matches_transformers(decay_type, total, warmup, decay, max_lr, min_lr):
    want = wsd_trace(total, warmup, decay, max_lr, min_lr, decay_type, STEPS)
    got = [s.wsd_lr(t, total, warmup, decay, max_lr, min_lr, decay_type)
           for t in range(STEPS + 1)]
    assert_close(got, want)
    assert got[-1] == pytest.approx(min_lr, abs=1e-15)  # the floor is kept after the end


@pytest.mark.parametrize("warmup_type", ["linear", "cosine", "1-sqrt"])
def test_wsd_schedule_warmup_shapes_match_transformers(warmup_type):
    kwargs = {"num_warmup_steps": 40, "num_decay_steps": 30, "num_training_steps": 200,
              "warmup_type": warmup_type, "min_lr_ratio": 0.2}
    want = hf_trace("get_wsd_schedule", 0.1, STEPS, **kwargs)
    assert_close([s.wsd_schedule_lr(t, 0.1, **kwargs) for t in range(STEPS + 1)], want)


def test_wsd_one_minus_sqrt_decay_halfway():
    # 1 - sqrt(0.5) of the way from min to max, halfway through the decay
    lr = s.wsd_lr(150, 200, 0, 100, 1.0, 0.0, "1-sqrt")
    assert lr == pytest.approx(1 - math.sqrt(0.5), rel=1e-12)


@pytest.mark.parametrize("call, message", [
    (lambda: s.noam_lr(-1), "step"),
    (lambda: s.noam_lr(5, warmup_steps=0), "warmup_steps"),
    (lambda: s.noam_lr(5, d_model="512"), "d_model"),
    (lambda: s.wsd_lr(5, 100, 60, 50, 0.1), "must be <="),
    (lambda: s.wsd_lr(5, 100, 10, 10, 0.1, decay_type="exp"), "unknown decay_type"),
    (lambda: s.wsd_lr(5, 100, 10, 10, 0.0), "max_lr"),
    (lambda: s.inverse_sqrt_lr(5, 0.1, 10, timescale=0), "timescale"),
])
def test_bad_arguments_raise_clear_errors(call, message):
    with pytest.raises(ValueError, match=message):
        call()
