"""The factor-based and composed closed forms (schedules.factors, schedules.composing) against
torch's own LambdaLR, MultiplicativeLR, ConstantLR, SWALR, SequentialLR and ChainedScheduler."""

import math
import pickle

import pytest
import torch
from torch.optim import lr_scheduler as sched
from torch.optim.swa_utils import SWALR

from course_utils import schedules as s
from course_utils.torch_traces import lr_trace, make_optimizer

STEPS = 400
REL_TOL = 1e-12


def assert_close(got, want):
    scale = max(abs(w) for w in want)
    for t, (g, w) in enumerate(zip(got, want, strict=True)):
        assert abs(g - w) <= REL_TOL * scale, f"t={t}: got {g!r}, torch {w!r}"


def spec(name, **kwargs):
    return {"scheduler": name, "kwargs": kwargs}


def torch_children(optimizer, specs):
    """The torch children built here, without the library's help."""
    return [getattr(sched, c["scheduler"])(optimizer, **c["kwargs"]) for c in specs]


# ---- LambdaLR, MultiplicativeLR, ConstantLR, SWALR ------------------------------------------


@pytest.mark.parametrize("base_lr", [0.1, 3e-4])
@pytest.mark.parametrize("factor", [s.WarmupLinearDecay(40, 300), s.WarmupLinearDecay(0, 50),
                                    lambda t: 0.97 ** t, lambda t: 1 / math.sqrt(1 + t)])
def test_lambda_lr_matches_torch(base_lr, factor):
    trace = lr_trace(lambda o: sched.LambdaLR(o, factor), base_lr, STEPS)
    assert_close([s.lambda_lr(t, base_lr, factor) for t in range(STEPS + 1)], trace)


@pytest.mark.parametrize("base_lr", [0.1, 2.0])
@pytest.mark.parametrize("factor", [s.ConstantFactor(0.99), lambda k: 0.5 if k % 50 == 0 else 1.0,
                                    lambda k: 1 - 1 / (k + 10)])
def test_multiplicative_lr_matches_torch(base_lr, factor):
    trace = lr_trace(lambda o: sched.MultiplicativeLR(o, factor), base_lr, STEPS)
    assert_close([s.multiplicative_lr(t, base_lr, factor) for t in range(STEPS + 1)], trace)


def test_multiplicative_lr_never_uses_its_factor_at_step_zero():
    seen = []

    def factor(k):
        seen.append(k)
        return 0.5

    assert s.multiplicative_lr(3, 1.0, factor) == 0.125 and 0 not in seen


@pytest.mark.parametrize(("factor", "total_iters"), [(1 / 3, 5), (0.5, 40), (0.1, 0), (1.0, 7),
                                                     (0.25, 399)])
def test_constant_lr_matches_torch(factor, total_iters):
    trace = lr_trace(lambda o: sched.ConstantLR(o, factor, total_iters), 0.05, STEPS)
    assert_close([s.constant_lr(t, 0.05, factor, total_iters) for t in range(STEPS + 1)], trace)


@pytest.mark.parametrize(("swa_lr", "anneal_epochs", "strategy"),
                         [(0.05, 10, "cos"), (0.01, 37, "linear"), (0.2, 0, "cos"),
                          (0.02, 1, "linear"), (0.001, 300, "cos")])
def test_swalr_matches_torch(swa_lr, anneal_epochs, strategy):
    trace = lr_trace(lambda o: SWALR(o, swa_lr, anneal_epochs, strategy), 0.1, STEPS)
    assert_close([s.swalr_lr(t, 0.1, swa_lr, anneal_epochs, strategy)
                  for t in range(STEPS + 1)], trace)


def test_swalr_starts_from_the_lr_it_finds_not_from_initial_lr():
    optimizer = make_optimizer([0.1])
    decay = sched.StepLR(optimizer, step_size=1, gamma=0.4)  # sets initial_lr = 0.1
    optimizer.step()
    decay.step()  # the lr is 0.04 when SWA starts
    swa = SWALR(optimizer, swa_lr=0.01, anneal_epochs=4, anneal_strategy="linear")
    lrs = [optimizer.param_groups[0]["lr"]]
    for _ in range(6):
        optimizer.step()
        swa.step()
        lrs.append(optimizer.param_groups[0]["lr"])
    assert optimizer.param_groups[0]["initial_lr"] == 0.1
    assert_close([s.swalr_lr(t, 0.04, 0.01, 4, "linear") for t in range(7)], lrs)


# ---- SequentialLR ------------------------------------------------------------------------------

SEQUENCES = [
    ([spec("LinearLR", start_factor=0.1, end_factor=1.0, total_iters=3),
      spec("CosineAnnealingLR", T_max=5)], [3]),
    ([spec("LinearLR", start_factor=0.1, total_iters=50),  # milestone before the warmup's end
      spec("CosineAnnealingLR", T_max=200, eta_min=1e-3)], [20]),
    ([spec("LinearLR", start_factor=0.25, total_iters=10),  # the warmup plateaus before it
      spec("CosineAnnealingLR", T_max=100)], [60]),
    ([spec("ConstantLR", factor=0.1, total_iters=20), spec("ExponentialLR", gamma=0.99)], [20]),
    ([spec("LinearLR", start_factor=0.5, total_iters=5), spec("StepLR", step_size=30, gamma=0.5),
      spec("PolynomialLR", total_iters=100, power=2.0)], [5, 150]),
    ([spec("LambdaLR", lr_lambda=s.WarmupLinearDecay(10, 100)),
      spec("MultiStepLR", milestones=[0, 50, 50], gamma=0.3)], [120]),
    ([spec("LinearLR", start_factor=0.1, total_iters=10),
      spec("MultiplicativeLR", lr_lambda=s.ConstantFactor(0.98))], [7]),
    ([spec("MultiplicativeLR", lr_lambda=s.ConstantFactor(0.99)),
      spec("CosineAnnealingLR", T_max=50)], [100]),
    ([spec("LinearLR", start_factor=0.1, total_iters=3),
      spec("MultiplicativeLR", lr_lambda=s.ConstantFactor(0.9))], [0]),
    ([spec("LinearLR", start_factor=0.2, total_iters=4), spec("ExponentialLR", gamma=0.9),
      spec("CosineAnnealingLR", T_max=40)], [10, 10]),
]


@pytest.mark.parametrize(("children", "milestones"), SEQUENCES)
def test_sequential_lr_matches_torch(children, milestones):
    def make(optimizer):
        return sched.SequentialLR(optimizer, torch_children(optimizer, children), milestones)

    trace = lr_trace(make, 0.1, STEPS)
    assert_close([s.sequential_lr(t, 0.1, children, milestones) for t in range(STEPS + 1)], trace)
    assert_close(lr_trace(lambda o: s.sequential_scheduler(o, children, milestones), 0.1, STEPS),
                 trace)


def test_sequential_reference_trace():
    children, milestones = SEQUENCES[0]
    got = [round(s.sequential_lr(t, 1.0, children, milestones), 4) for t in range(10)]
    assert got == [0.1, 0.4, 0.7, 1.0, 0.9045, 0.6545, 0.3455, 0.0955, 0.0, 0.0955]


def test_sequential_multiplicative_child_goes_on_from_the_lr_it_is_handed():
    children = [spec("LinearLR", start_factor=0.1, total_iters=5),
                spec("MultiplicativeLR", lr_lambda=s.ConstantFactor(0.5))]
    lrs = [s.sequential_lr(t, 1.0, children, [3]) for t in range(5)]
    assert lrs == pytest.approx([0.1, 0.28, 0.46, 0.23, 0.115])  # 0.46 * f(0), not 1.0 * f(0)


@pytest.mark.parametrize(
    ("base_lr", "warmup_steps", "milestone", "T_max", "start_factor", "eta_min"),
    [(1.0, 3, 3, 5, 0.1, 0.0), (0.1, 10, 10, 90, 0.01, 1e-4), (3e-4, 50, 20, 200, 0.2, 0.0),
     (0.5, 5, 40, 30, 0.5, 0.05), (0.2, 1, 1, 7, 1.0, 0.0), (0.05, 8, 0, 60, 0.1, 1e-3)],
)
def test_sequential_warmup_cosine_lr_matches_torch(base_lr, warmup_steps, milestone, T_max,
                                                   start_factor, eta_min):
    children = [spec("LinearLR", start_factor=start_factor, end_factor=1.0,
                     total_iters=warmup_steps),
                spec("CosineAnnealingLR", T_max=T_max, eta_min=eta_min)]

    def make(optimizer):
        return sched.SequentialLR(optimizer, torch_children(optimizer, children), [milestone])

    trace = lr_trace(make, base_lr, STEPS)
    got = [s.sequential_warmup_cosine_lr(t, base_lr, warmup_steps, milestone, T_max,
                                         start_factor, eta_min) for t in range(STEPS + 1)]
    assert_close(got, trace)


# ---- ChainedScheduler ----------------------------------------------------------------------------

CHAINS = [
    [spec("ConstantLR", factor=0.1, total_iters=20), spec("ExponentialLR", gamma=0.9)],
    [spec("LinearLR", start_factor=0.1, total_iters=10), spec("ExponentialLR", gamma=0.99)],
    [spec("LinearLR", start_factor=0.3, total_iters=25), spec("StepLR", step_size=40, gamma=0.5),
     spec("MultiStepLR", milestones=[0, 100, 300], gamma=0.7)],
    [spec("LinearLR", start_factor=0.1, total_iters=20), spec("CosineAnnealingLR", T_max=STEPS)],
    [spec("PolynomialLR", total_iters=150, power=1.5), spec("ExponentialLR", gamma=0.995)],
    [spec("MultiplicativeLR", lr_lambda=s.ConstantFactor(0.995)),
     spec("ConstantLR", factor=0.5, total_iters=30)],
    [spec("LambdaLR", lr_lambda=s.WarmupLinearDecay(20, 400)), spec("ExponentialLR", gamma=0.5)],
    [spec("ExponentialLR", gamma=0.5), spec("LambdaLR", lr_lambda=s.WarmupLinearDecay(20, 400))],
    [spec("StepLR", step_size=3, gamma=0.9), spec("LambdaLR", lr_lambda=lambda t: 0.99 ** t),
     spec("LinearLR", start_factor=0.5, total_iters=50), spec("PolynomialLR", total_iters=300)],
]


@pytest.mark.parametrize("children", CHAINS)
def test_chained_lr_matches_torch(children):
    def make(optimizer):
        return sched.ChainedScheduler(torch_children(optimizer, children), optimizer)

    trace = lr_trace(make, 0.1, STEPS)
    assert_close([s.chained_lr(t, 0.1, children) for t in range(STEPS + 1)], trace)
    assert_close(lr_trace(lambda o: s.chained_scheduler(o, children), 0.1, STEPS), trace)


def test_chained_multiplying_children_compound():
    children = CHAINS[0]
    for t in (0, 5, 19, 20, 21, 60):
        product = 0.05 * s.constant_lr(t, 1.0, 0.1, 20) * 0.9**t
        assert s.chained_lr(t, 0.05, children) == pytest.approx(product, rel=1e-12)


def test_chained_overwriting_child_keeps_one_ratio_of_what_follows():
    after, before = CHAINS[6], CHAINS[7]
    for t in (1, 5, 30):
        factor = s.WarmupLinearDecay(20, 400)(t)
        assert s.chained_lr(t, 0.1, after) == pytest.approx(0.1 * factor * 0.5)  # one 0.5
        assert s.chained_lr(t, 0.1, before) == pytest.approx(0.1 * factor)  # erased


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: s.chained_lr(401, 0.1, [spec("CosineAnnealingLR", T_max=400)]), "past T_max"),
        (lambda: s.chained_lr(3, 0.1, [spec("CosineAnnealingLR", T_max=9, eta_min=0.01)]),
         "eta_min"),
        (lambda: s.chained_lr(3, 0.1, [spec("CyclicLR", base_lr=0.01, max_lr=0.1)]), "CyclicLR"),
        (lambda: s.chained_lr(3, 0.1, []), "at least one"),
        (lambda: s.sequential_lr(3, 0.1, [spec("StepLR", step_size=2)], [1]), "milestone"),
        (lambda: s.sequential_lr(3, 0.1, [spec("StepLR", step_size=2)] * 3, [5, 2]), "increasing"),
        (lambda: s.sequential_lr(3, 0.1, [spec("SWALR", swa_lr=0.1)], []), "no closed form"),
        (lambda: s.sequential_lr(1.5, 0.1, [spec("StepLR", step_size=2)], []), "whole"),
        (lambda: s.sequential_lr(1, 0.1, ["StepLR"], []), "'scheduler'"),
        (lambda: s.sequential_lr(1, 0.1, "StepLR", []), "list of specs"),
        (lambda: s.sequential_warmup_cosine_lr(1, 0.1, 0, 5, 10), "warmup_steps"),
        (lambda: s.lambda_lr(1, 0.1, 0.5), "function of the step"),
        (lambda: s.lambda_lr(1, 0.1, lambda t: "x"), "lr_lambda"),
        (lambda: s.constant_lr(1, 0.1, factor=2.0), "factor"),
        (lambda: s.swalr_lr(1, 0.1, 0.01, anneal_strategy="step"), "anneal_strategy"),
        (lambda: s.ConstantFactor(0.0), "value"),
        (lambda: s.WarmupLinearDecay(20, 10), "warmup_steps"),
    ],
)
def test_bad_input_raises_a_clear_value_error(call, match):
    with pytest.raises(ValueError, match=match):
        call()


def test_factor_functions_pickle_and_print_the_same_every_run():
    factor = s.WarmupLinearDecay(10, 100)
    assert pickle.loads(pickle.dumps(factor)) == factor
    assert repr(factor) == "WarmupLinearDecay(warmup_steps=10, total_steps=100)"
    scheduler = sched.LambdaLR(make_optimizer([0.1]), factor)
    assert pickle.loads(pickle.dumps(scheduler)).lr_lambdas[0] == factor
    assert isinstance(s.sequential_scheduler(make_optimizer([0.1]), SEQUENCES[0][0], [3]),
                      torch.optim.lr_scheduler.SequentialLR)


def test_child_specs_print_as_the_call_and_work_as_specs():
    child = s.Child("LinearLR", start_factor=0.1, total_iters=5)
    assert repr(child) == "LinearLR(start_factor=0.1, total_iters=5)"
    assert child == {"scheduler": "LinearLR", "kwargs": {"start_factor": 0.1, "total_iters": 5}}
    assert pickle.loads(pickle.dumps(child)) == child
    assert s.sequential_lr(2, 1.0, [child, s.Child("ExponentialLR", gamma=0.5)], [3]) == \
        pytest.approx(s.linear_lr(2, 1.0, 0.1, 1.0, 5))
