"""The reference schedules in course_utils.schedules against torch's own schedulers."""

import ast
import math
import pickle
import random
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
import torch
from torch.optim import lr_scheduler as sched

from course_utils import schedules as s
from course_utils.torch_traces import lr_trace, make_optimizer

STEPS = 400  # every torch trace covers t = 0 .. STEPS (or the whole schedule, >= 300 steps)
REL_TOL = 1e-12


def assert_close(got, want, scale=None):
    """Max abs error <= REL_TOL * scale (scale: largest |value| expected)."""
    assert len(got) == len(want)
    if scale is None:
        scale = max(abs(w) for w in want)
    errors = [abs(g - w) for g, w in zip(got, want, strict=True)]
    worst = max(range(len(errors)), key=errors.__getitem__)
    assert errors[worst] <= REL_TOL * scale, f"t={worst}: got {got[worst]!r}, torch {want[worst]!r}"


# ---- StepLR, MultiStepLR, ExponentialLR ---------------------------------------------------


@pytest.mark.parametrize(
    "base_lr, step_size, gamma",
    [(0.1, 30, 0.1), (0.05, 7, 0.5), (1.0, 1, 0.9), (3e-4, 100, 2.0), (0.2, 400, 0.1)],
)
def test_step_lr_matches_torch(base_lr, step_size, gamma):
    trace = lr_trace(lambda o: sched.StepLR(o, step_size, gamma), base_lr, STEPS)
    assert_close([s.step_lr(t, base_lr, step_size, gamma) for t in range(STEPS + 1)], trace)


@pytest.mark.parametrize(
    "base_lr, milestones, gamma",
    [
        (0.1, [30, 60, 90], 0.1),
        (0.1, [0, 5, 5, 100], 0.5),  # milestone 0 applies at construction; 5 counts twice
        (0.02, [250, 10, 10, 10, 399], 0.8),  # unsorted, repeated three times
        (1.0, list(range(0, 400, 3)), 0.99),
        (0.3, [], 0.1),
    ],
)
def test_multistep_lr_matches_torch(base_lr, milestones, gamma):
    trace = lr_trace(lambda o: sched.MultiStepLR(o, milestones, gamma), base_lr, STEPS)
    got = [s.multistep_lr(t, base_lr, milestones, gamma) for t in range(STEPS + 1)]
    assert_close(got, trace)


def test_multistep_lr_seed_resnet_recipe_drops_twice_in_90_epochs():
    lrs = {s.multistep_lr(epoch, 0.1, [30, 60, 90]) for epoch in range(90)}
    assert sorted(lrs, reverse=True) == pytest.approx([0.1, 0.01, 0.001], rel=1e-12)


@pytest.mark.parametrize(
    "base_lr, gamma", [(0.01, 0.95), (0.1, 0.99), (1e-3, 1.01), (0.5, 0.5), (0.1, 1.0)]
)
def test_exponential_lr_matches_torch(base_lr, gamma):
    trace = lr_trace(lambda o: sched.ExponentialLR(o, gamma), base_lr, STEPS)
    assert_close([s.exponential_lr(t, base_lr, gamma) for t in range(STEPS + 1)], trace)


# ---- cosine: torch's periodic CosineAnnealingLR vs the course's clamped cosine_lr ---------


@pytest.mark.parametrize(
    "base_lr, T_max, eta_min",
    [(0.1, 100, 0.0), (0.1, 37, 1e-3), (1e-3, 1, 0.0), (0.05, 250, 1e-6), (0.01, 3, 0.02)],
)
def test_cosine_annealing_lr_matches_torch_also_past_T_max(base_lr, T_max, eta_min):
    trace = lr_trace(lambda o: sched.CosineAnnealingLR(o, T_max, eta_min), base_lr, STEPS)
    got = [s.cosine_annealing_lr(t, base_lr, T_max, eta_min) for t in range(STEPS + 1)]
    assert_close(got, trace, scale=max(base_lr, eta_min))


@pytest.mark.parametrize(
    "total_steps, max_lr, min_lr", [(100, 0.1, 0.0), (250, 1e-3, 1e-6), (333, 3e-4, 3e-5)]
)
def test_cosine_lr_matches_torch_until_total_steps_then_clamps(total_steps, max_lr, min_lr):
    trace = lr_trace(lambda o: sched.CosineAnnealingLR(o, total_steps, min_lr), max_lr, STEPS)
    got = [s.cosine_lr(t, total_steps, max_lr, min_lr) for t in range(STEPS + 1)]
    assert_close(got[: total_steps + 1], trace[: total_steps + 1], scale=max_lr)
    assert got[total_steps:] == [min_lr] * (STEPS + 1 - total_steps)
    # torch is periodic: past T_max it rises again; cosine_lr stays at min_lr
    assert trace[-1] > min_lr + 1e-3 * (max_lr - min_lr)
    assert s.cosine_lr(2 * total_steps, total_steps, max_lr, min_lr) == min_lr
    assert s.cosine_annealing_lr(2 * total_steps, max_lr, total_steps, min_lr) == pytest.approx(
        max_lr, rel=1e-12
    )


@pytest.mark.parametrize(
    "base_lr, T_0, T_mult, eta_min",
    [(0.1, 10, 1, 0.0), (0.1, 10, 2, 0.0), (0.05, 7, 3, 1e-3), (1e-3, 50, 1, 1e-5), (0.2, 1, 2, 0)],
)
def test_cosine_warm_restarts_lr_matches_torch(base_lr, T_0, T_mult, eta_min):
    trace = lr_trace(
        lambda o: sched.CosineAnnealingWarmRestarts(o, T_0, T_mult, eta_min), base_lr, STEPS
    )
    got = [s.cosine_warm_restarts_lr(t, base_lr, T_0, T_mult, eta_min) for t in range(STEPS + 1)]
    assert_close(got, trace, scale=base_lr)


# ---- LinearLR, PolynomialLR ---------------------------------------------------------------


@pytest.mark.parametrize(
    "base_lr, start_factor, end_factor, total_iters",
    [
        (0.3, 1 / 3, 1.0, 5),
        (0.1, 0.01, 1.0, 299),
        (0.05, 1.0, 0.1, 120),
        (1e-3, 0.5, 0.0, 1),
        (0.2, 0.25, 0.75, 1000),
        (0.1, 0.5, 1.0, 0),  # torch keeps base_lr * start_factor forever
    ],
)
def test_linear_lr_matches_torch(base_lr, start_factor, end_factor, total_iters):
    trace = lr_trace(
        lambda o: sched.LinearLR(o, start_factor, end_factor, total_iters), base_lr, STEPS
    )
    got = [s.linear_lr(t, base_lr, start_factor, end_factor, total_iters) for t in range(STEPS + 1)]
    assert_close(got, trace, scale=base_lr)


@pytest.mark.parametrize(
    "base_lr, total_iters, power",
    [(0.1, 100, 2.0), (0.1, 5, 1.0), (0.02, 250, 0.5), (1e-3, 1000, 3.0), (0.5, 399, 1.0)],
)
def test_polynomial_lr_matches_torch(base_lr, total_iters, power):
    trace = lr_trace(lambda o: sched.PolynomialLR(o, total_iters, power), base_lr, STEPS)
    got = [s.polynomial_lr(t, base_lr, total_iters, power) for t in range(STEPS + 1)]
    assert_close(got, trace, scale=base_lr)


# ---- OneCycleLR: lr and momentum ----------------------------------------------------------


class _MomentumRecorder:
    """Wraps a scheduler so lr_trace's steps also record group 0's momentum (or Adam beta1)."""

    def __init__(self, scheduler, optimizer):
        self.scheduler, self.optimizer = scheduler, optimizer
        self.momenta = [self.momentum()]

    def momentum(self):
        group = self.optimizer.param_groups[0]
        return group["betas"][0] if "betas" in group else group["momentum"]

    def step(self):
        self.scheduler.step()
        self.momenta.append(self.momentum())


def one_cycle_traces(total_steps, max_lr, pct_start, div, final_div, momenta, optimizer):
    """torch's OneCycleLR lr and momentum at steps 0 .. total_steps - 1."""
    base_momentum, max_momentum = momenta
    recorders = []

    def make(opt):
        recorder = _MomentumRecorder(
            sched.OneCycleLR(
                opt,
                max_lr,
                total_steps=total_steps,
                pct_start=pct_start,
                div_factor=div,
                final_div_factor=final_div,
                base_momentum=base_momentum,
                max_momentum=max_momentum,
            ),
            opt,
        )
        recorders.append(recorder)
        return recorder

    if optimizer == "sgd":
        lrs = lr_trace(make, 1.0, total_steps - 1, momentum=0.9)
    else:
        lrs = lr_trace(make, 1.0, total_steps - 1, optimizer_cls=torch.optim.Adam)
    return lrs, recorders[0].momenta


@pytest.mark.parametrize("optimizer", ["sgd", "adam"])
@pytest.mark.parametrize(
    "total_steps, max_lr, pct_start, div, final_div, momenta",
    [
        (1000, 0.1, 0.3, 25.0, 1e4, (0.85, 0.95)),
        (300, 1e-3, 0.25, 10.0, 100.0, (0.8, 0.99)),
        (401, 0.5, 0.0, 25.0, 1e4, (0.85, 0.95)),  # no warmup phase
        (333, 0.01, 1.0, 5.0, 1e3, (0.9, 0.9)),  # warmup only
        (350, 0.02, 0.45, 1.0, 1.0, (0.7, 0.95)),
    ],
)
def test_one_cycle_lr_and_momentum_match_torch(
    optimizer, total_steps, max_lr, pct_start, div, final_div, momenta
):
    lrs, torch_momenta = one_cycle_traces(
        total_steps, max_lr, pct_start, div, final_div, momenta, optimizer
    )
    got_lrs = [
        s.one_cycle_lr(t, total_steps, max_lr, pct_start, div, final_div)
        for t in range(total_steps)
    ]
    got_momenta = [
        s.one_cycle_momentum(t, total_steps, pct_start, *momenta) for t in range(total_steps)
    ]
    assert_close(got_lrs, lrs, scale=max_lr)
    assert_close(got_momenta, torch_momenta, scale=max(momenta))


# ---- ReduceLROnPlateau --------------------------------------------------------------------


def plateau_trace(losses, base_lr, **kwargs):
    """torch's lr after each step(loss)."""
    return lr_trace(lambda o: sched.ReduceLROnPlateau(o, **kwargs), base_lr, 0, losses)[1:]


def _random_walk(seed, n=300):
    rng = random.Random(seed)
    loss, out = 1.0, []
    for _ in range(n):
        loss *= math.exp(rng.gauss(-0.002, 0.02))
        out.append(loss)
    return out


_RNG = random.Random(1234)
PLATEAU_CASES = [
    ("random walk, defaults", _random_walk(0), {}),
    ("random walk, patience 3", _random_walk(1), {"patience": 3, "factor": 0.5}),
    ("noise, cooldown", [_RNG.random() for _ in range(300)], {"patience": 2, "cooldown": 3}),
    ("constant", [0.5] * 300, {}),
    ("constant, patience 0", [0.5] * 300, {"patience": 0, "factor": 0.5, "min_lr": 1e-4}),
    ("zeros", [0.0] * 300, {"patience": 1}),
    ("negative rel", [-1.0 - 0.001 * i for i in range(300)], {"patience": 2, "threshold": 0.1}),
    (
        "negative abs",
        [-1.0 - 0.001 * i for i in range(300)],
        {"patience": 2, "threshold": 0.01, "threshold_mode": "abs"},
    ),
    (
        "plateaus",
        [1.0 / (1 + i // 40) + 1e-6 * (i % 7) for i in range(300)],
        {"patience": 5, "cooldown": 2},
    ),
    ("min_lr floor", [1.0] * 300, {"patience": 1, "factor": 0.5, "min_lr": 1e-3}),
    ("eps blocks tiny cuts", [1.0] * 300, {"patience": 0, "factor": 0.9, "eps": 1e-3}),
    (
        "mode max rel",
        [min(0.9, 0.1 + 0.01 * i) + 0.001 * (i % 3) for i in range(300)],
        {"mode": "max", "patience": 4},
    ),
    (
        "mode max abs, cooldown",
        [_RNG.uniform(0, 1) for _ in range(300)],
        {"mode": "max", "threshold_mode": "abs", "threshold": 0.05, "cooldown": 1, "patience": 1},
    ),
    ("accuracy in min mode", [0.1 + 0.002 * i for i in range(300)], {"patience": 3}),
    ("nan and inf", [1.0, math.nan, 0.5, math.inf, -math.inf, *[0.7] * 295], {"patience": 2}),
    ("sawtooth", [1.0 + (i % 10) * 0.01 - i * 1e-4 for i in range(300)], {"threshold": 1e-3}),
]


@pytest.mark.parametrize(
    "losses, kwargs", [case[1:] for case in PLATEAU_CASES], ids=[c[0] for c in PLATEAU_CASES]
)
def test_reduce_on_plateau_matches_torch(losses, kwargs):
    base_lr = 0.1
    got = s.reduce_on_plateau(losses, base_lr, **kwargs)
    assert_close(got, plateau_trace(losses, base_lr, **kwargs))


def _cut_calls(lrs, base_lr):
    """1-based call numbers on which the lr changed."""
    previous = [base_lr, *lrs[:-1]]
    return [i + 1 for i, (a, b) in enumerate(zip(previous, lrs, strict=True)) if a != b]


def test_reduce_on_plateau_constant_metric_cuts_on_call_12():
    losses = [1.0] * 30
    lrs = s.reduce_on_plateau(losses, 0.1)
    assert _cut_calls(lrs, 0.1) == _cut_calls(plateau_trace(losses, 0.1), 0.1) == [12, 23]
    assert lrs[10] == 0.1 and lrs[11] == pytest.approx(0.01, rel=1e-12)


def test_reduce_on_plateau_documented_cooldown_trace_cuts_on_calls_5_and_9():
    losses = [1.0, 0.9] + [0.95] * 8
    kwargs = {"patience": 2, "cooldown": 1}
    lrs = s.reduce_on_plateau(losses, 0.1, **kwargs)
    assert _cut_calls(lrs, 0.1) == [5, 9]
    assert _cut_calls(plateau_trace(losses, 0.1, **kwargs), 0.1) == [5, 9]


def test_reduce_on_plateau_relative_threshold_misreads_negative_metrics():
    # -0.95 counts as better than -1.0 with threshold 0.1 in rel mode: no cut
    losses = [-1.0] + [-0.95] * 5
    assert s.reduce_on_plateau(losses, 0.1, patience=2, threshold=0.1)[-1] == 0.1
    abs_lrs = s.reduce_on_plateau(losses, 0.1, patience=2, threshold=0.1, threshold_mode="abs")
    assert abs_lrs[-1] == pytest.approx(0.01, rel=1e-12)


# ---- warmup + cosine ----------------------------------------------------------------------

WARMUP_CASES = [  # warmup_steps, total_steps, max_lr, min_lr
    (100, 400, 3e-4, 1e-6),
    (0, 300, 0.1, 0.0),
    (300, 300, 1e-3, 1e-5),
    (37, 350, 0.05, 1e-3),
    (1, 320, 1e-3, 0.0),
    (2, 310, 0.2, 0.01),
]


@pytest.mark.parametrize("warmup_steps, total_steps, max_lr, min_lr", WARMUP_CASES)
def test_warmup_cosine_schedule_matches_linear_lr_then_cosine_annealing(
    warmup_steps, total_steps, max_lr, min_lr
):
    W, N = warmup_steps, total_steps
    got = [s.warmup_cosine_schedule(t, W, N, max_lr, min_lr) for t in range(N + 101)]
    if W > 0:
        assert got[0] == 0.0
    if W >= 2:  # step >= 1 in warmup: LinearLR(1/W, 1, W - 1) at t = step - 1 is max_lr*step/W
        warm = lr_trace(lambda o: sched.LinearLR(o, 1 / W, 1.0, W - 1), max_lr, W - 2)
        assert_close(got[1:W], warm, scale=max_lr)
    if W < N:
        decay = lr_trace(lambda o: sched.CosineAnnealingLR(o, max(1, N - W), min_lr), max_lr, N - W)
        assert_close(got[W:N], decay[: N - W], scale=max_lr)
    assert got[N:] == [min_lr] * 101  # clamped past total_steps, no rise


@pytest.mark.parametrize("warmup_steps, total_steps, max_lr, min_lr", WARMUP_CASES)
def test_warmup_cosine_factor_times_base_lr_is_the_schedule(
    warmup_steps, total_steps, max_lr, min_lr
):
    ratio = min_lr / max_lr
    got = [
        max_lr * s.warmup_cosine_factor(t, warmup_steps, total_steps, ratio)
        for t in range(total_steps + 50)
    ]
    want = [
        s.warmup_cosine_schedule(t, warmup_steps, total_steps, max_lr, min_lr)
        for t in range(total_steps + 50)
    ]
    assert_close(got, want, scale=max_lr)


@pytest.mark.parametrize(
    "warmup_steps, total_steps, min_lr",
    [(0, 300, 0.0), (300, 300, 1e-5), (50, 300, 1e-5), (10, 350, 0.0), (1, 310, 2e-4)],
)
def test_get_warmup_cosine_scheduler_three_groups_match_schedule(warmup_steps, total_steps, min_lr):
    base_lrs = [0.1, 3e-4, 0.02]
    n_steps = total_steps + 100  # beyond total_steps: stays at min_lr
    trace = lr_trace(
        lambda o: s.get_warmup_cosine_scheduler(o, warmup_steps, total_steps, min_lr),
        base_lrs,
        n_steps,
    )
    for g, base_lr in enumerate(base_lrs):
        want = [
            s.warmup_cosine_schedule(t, warmup_steps, total_steps, base_lr, min_lr)
            for t in range(n_steps + 1)
        ]
        assert_close([row[g] for row in trace], want, scale=base_lr)
        assert trace[-1][g] == pytest.approx(min_lr, rel=1e-12, abs=1e-300)


def test_get_warmup_cosine_scheduler_state_dict_and_pickle():
    optimizer = make_optimizer([0.1, 0.01])
    scheduler = s.get_warmup_cosine_scheduler(optimizer, 5, 20, min_lr=1e-4)
    assert all(isinstance(d, dict) for d in scheduler.state_dict()["lr_lambdas"])
    clone = pickle.loads(pickle.dumps(scheduler))
    assert [f(10) for f in clone.lr_lambdas] == [f(10) for f in scheduler.lr_lambdas]


def test_get_warmup_cosine_scheduler_refuses_unreachable_min_lr():
    with pytest.raises(ValueError, match="lr 0"):
        s.get_warmup_cosine_scheduler(make_optimizer([0.1, 0.0]), 5, 20, min_lr=1e-4)


# ---- "Numbers for questions" in reference/schedulers.md -----------------------------------


def test_reference_numbers_for_questions():
    approx = pytest.approx
    assert s.step_lr(45, 0.1, 30) == approx(0.01, rel=1e-12)
    assert s.step_lr(60, 0.1, 30) == approx(0.001, rel=1e-12)
    assert s.exponential_lr(10, 0.01, 0.95) == approx(0.005987, abs=5e-7)
    cos = [s.cosine_annealing_lr(t, 0.1, 100) for t in (25, 50, 100, 150, 200)]
    assert cos == approx([0.08536, 0.05, 0.0, 0.05, 0.1], abs=5e-6)
    assert s.cosine_annealing_lr(50, 0.1, 100, eta_min=1e-3) == approx(0.0505, rel=1e-12)
    assert [s.linear_lr(t, 0.3) for t in (0, 1, 5)] == approx([0.1, 0.14, 0.3], rel=1e-12)
    assert s.polynomial_lr(50, 0.1, 100, power=2) == approx(0.025, rel=1e-12)
    assert s.one_cycle_lr(0, 1000, 0.1) == approx(0.004, rel=1e-12)
    assert s.one_cycle_momentum(0, 1000) == approx(0.95, rel=1e-12)
    assert s.one_cycle_lr(299, 1000, 0.1) == approx(0.1, rel=1e-12)
    assert s.one_cycle_momentum(299, 1000) == approx(0.85, rel=1e-12)
    assert max(range(1000), key=lambda t: s.one_cycle_lr(t, 1000, 0.1)) == 299
    assert s.one_cycle_lr(999, 1000, 0.1) == approx(4e-7, rel=1e-9)
    assert s.cosine_warm_restarts_lr(20, 0.1, 10, 2) == approx(0.05, rel=1e-12)
    assert s.cosine_warm_restarts_lr(29, 0.1, 10, 2) == approx(6.2e-4, abs=5e-6)
    restarts = [t for t in range(1, 200) if s.cosine_warm_restarts_lr(t, 0.1, 10, 2) == 0.1]
    assert restarts == [10, 30, 70, 150]
    # SequentialLR(LinearLR(0.1 -> 1, 5), CosineAnnealingLR(95)), b = 0.1, milestone 5
    seq = [
        s.linear_lr(t, 0.1, 0.1, 1.0, 5) if t < 5 else s.cosine_annealing_lr(t - 5, 0.1, 95)
        for t in (0, 4, 5, 50, 100)
    ]
    assert seq == approx([0.01, 0.082, 0.1, 0.05413, 0.0], abs=5e-6)
    # the seed: warmup_cosine_schedule ends at min_lr; the fixed LambdaLR agrees
    assert s.warmup_cosine_schedule(100, 10, 100, 3e-4, 1e-6) == 1e-6
    assert s.cosine_lr(1000, 1000) == 1e-6


# ---- input handling -----------------------------------------------------------------------


def test_accepts_any_float_able_number():
    want = s.step_lr(45, 0.1, 30, 0.1)
    lr_tensor = torch.tensor(0.1, dtype=torch.float64)
    assert s.step_lr(np.int64(45), Decimal("0.1"), Fraction(30), lr_tensor) == want
    assert s.cosine_lr(np.float32(250), 1000.0, max_lr=Fraction(1, 1000)) == s.cosine_lr(250, 1000)
    assert s.multistep_lr(61, 0.1, (np.int32(30), 60.0)) == pytest.approx(0.001, rel=1e-12)
    assert s.reduce_on_plateau([torch.tensor(1.0), np.float64(1.0)], Decimal("0.1"), patience=0)[
        -1
    ] == pytest.approx(0.01, rel=1e-12)
    assert s.warmup_cosine_schedule(np.int64(5), 10.0, Fraction(100)) == pytest.approx(1.5e-4)


@pytest.mark.parametrize(
    "call, match",
    [
        (lambda: s.step_lr(-1, 0.1, 30), "epoch"),
        (lambda: s.step_lr(1, 0.1, 0), "step_size"),
        (lambda: s.step_lr(1, "0.1", 30), "base_lr"),
        (lambda: s.step_lr(1, None, 30), "base_lr"),
        (lambda: s.step_lr(1, [0.1], 30), "base_lr"),
        (lambda: s.exponential_lr(1, math.nan, 0.9), "base_lr"),
        (lambda: s.exponential_lr(1, 0.1, -0.5), "gamma"),
        (lambda: s.multistep_lr(1, 0.1, 30), "milestones"),
        (lambda: s.multistep_lr(1, 0.1, [-5, 30]), "milestone"),
        (lambda: s.cosine_annealing_lr(1, 0.1, 0), "T_max"),
        (lambda: s.cosine_lr(1, 0), "total_steps"),
        (lambda: s.cosine_lr(-1, 100), "step"),
        (lambda: s.cosine_lr(1, math.inf), "total_steps"),
        (lambda: s.linear_lr(1, 0.1, start_factor=0.0), "start_factor"),
        (lambda: s.linear_lr(1, 0.1, end_factor=1.5), "end_factor"),
        (lambda: s.polynomial_lr(1, 0.1, total_iters=0), "total_iters"),
        (lambda: s.cosine_warm_restarts_lr(1, 0.1, T_0=0), "T_0"),
        (lambda: s.cosine_warm_restarts_lr(1, 0.1, T_0=10, T_mult=0), "T_mult"),
        (lambda: s.one_cycle_lr(100, 100, 0.1), "step must be < total_steps"),
        (lambda: s.one_cycle_lr(0, 0, 0.1), "total_steps"),
        (lambda: s.one_cycle_lr(0, 100, 0.1, pct_start=1.5), "pct_start"),
        (lambda: s.one_cycle_lr(0, 10, 0.1, pct_start=0.1), "zero-length"),
        (lambda: s.one_cycle_momentum(-1, 100), "step"),
        (lambda: s.reduce_on_plateau([1.0], 0.1, factor=1.0), "factor"),
        (lambda: s.reduce_on_plateau([1.0], 0.1, mode="minimum"), "mode"),
        (lambda: s.reduce_on_plateau([1.0], 0.1, threshold_mode="relative"), "threshold_mode"),
        (lambda: s.reduce_on_plateau([1.0], 0.1, patience=-1), "patience"),
        (lambda: s.reduce_on_plateau(1.0, 0.1), "losses"),
        (lambda: s.reduce_on_plateau([1.0, "x"], 0.1), r"losses\[1\]"),
        (lambda: s.warmup_cosine_schedule(1, 10, 0), "total_steps"),
        (lambda: s.warmup_cosine_schedule(1, -1, 10), "warmup_steps"),
        (lambda: s.warmup_cosine_schedule(1, 20, 10), "warmup_steps"),
        (lambda: s.warmup_cosine_schedule(-1, 2, 10), "step"),
        (lambda: s.warmup_cosine_factor(1, 2, 0), "total_steps"),
        (lambda: s.get_warmup_cosine_scheduler(make_optimizer([0.1]), 20, 10), "warmup_steps"),
    ],
)
def test_bad_input_raises_a_clear_value_error(call, match):
    with pytest.raises(ValueError, match=match):
        call()


def test_no_module_of_the_package_imports_torch_at_top_level():
    modules = [
        name.split(".")[0]
        for path in Path(s.__file__).parent.glob("*.py")
        for node in ast.parse(path.read_text()).body
        for name in (
            [a.name for a in node.names]
            if isinstance(node, ast.Import)
            else [node.module]
            if isinstance(node, ast.ImportFrom)
            else []
        )
    ]
    assert "math" in modules and "torch" not in modules
