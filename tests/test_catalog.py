"""Tests for course_utils.catalog: every entry checked against torch, the table rendered from it."""

import dataclasses
import inspect
import math

import pytest
import torch
from torch.optim import lr_scheduler, swa_utils

from course_utils import catalog, schedules
from course_utils.rehearsal.bank import TOPICS
from course_utils.torch_traces import lr_trace

ENTRIES = [pytest.param(e, id=e.name) for e in catalog.CATALOG]
PLATEAU_LOSSES = [1.0, 0.9, 0.8] + [0.8] * 12 + [0.7] + [0.75] * 20


def test_catalog_covers_the_lessons_table():
    names = {e.name for e in catalog.CATALOG}
    lesson = {"StepLR", "MultiStepLR", "ExponentialLR", "CosineAnnealingLR",
              "ReduceLROnPlateau", "OneCycleLR", "Warmup + cosine"}
    assert lesson <= names
    assert len(names) == len(catalog.CATALOG)


@pytest.mark.parametrize("item", ENTRIES)
def test_entry_fields_are_valid(item):
    assert item.notebook in TOPICS
    assert item.step_unit in catalog.STEP_UNITS
    assert item.call in catalog.CALLS
    assert item.reference in schedules.__all__
    assert item.params and item.when and item.in_advance


def torch_scheduler_class(name):
    """torch's class by name: torch.optim.lr_scheduler's, or swa_utils' (SWALR)."""
    return getattr(lr_scheduler, name, None) or getattr(swa_utils, name)


@pytest.mark.parametrize("item", ENTRIES)
def test_torch_class_exists_and_is_a_scheduler(item):
    cls = catalog.torch_class(item)
    assert cls is torch_scheduler_class(item.torch_class)
    assert issubclass(cls, lr_scheduler.LRScheduler | lr_scheduler.ReduceLROnPlateau)
    optimizer = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1)
    made = catalog.parameter_source(item)(optimizer, **item.budget(50, 0.1))
    assert isinstance(made, cls)


@pytest.mark.parametrize("item", ENTRIES)
def test_key_parameter_defaults_are_torchs(item):
    signature = inspect.signature(catalog.parameter_source(item)).parameters
    for name, default in catalog.key_parameters(item).items():
        want = signature[name].default
        assert default == (catalog.REQUIRED if want is inspect.Parameter.empty else want), name


def test_known_defaults_from_torch():
    assert catalog.key_parameters(catalog.entry("ReduceLROnPlateau"))["factor"] == 0.1
    assert catalog.key_parameters(catalog.entry("CosineAnnealingLR")) == {
        "T_max": catalog.REQUIRED,
        "eta_min": 0.0,
    }
    assert catalog.key_parameters(catalog.entry("StepLR"))["gamma"] == 0.1


def test_defaults_are_read_at_run_time_not_typed(monkeypatch):
    class PatchedStepLR(lr_scheduler.StepLR):
        def __init__(self, optimizer, step_size, gamma=0.42, last_epoch=-1):
            super().__init__(optimizer, step_size, gamma, last_epoch)

    before = catalog.table_markdown([catalog.entry("StepLR")])
    assert "`gamma=0.1`" in before
    monkeypatch.setattr(lr_scheduler, "StepLR", PatchedStepLR)
    after = catalog.table_markdown([catalog.entry("StepLR")])
    assert "`gamma=0.42`" in after and "`gamma=0.1`" not in after


def _hard_restarts(opt, warmup_steps, total_steps, num_cycles):
    from transformers import get_cosine_with_hard_restarts_schedule_with_warmup

    return get_cosine_with_hard_restarts_schedule_with_warmup(opt, warmup_steps, total_steps,
                                                              num_cycles)


def _oracle(item, base_lr, n, metrics, kwargs):
    """torch's own trace (or transformers'), built here without the catalog's help."""
    if item.builder == "get_cosine_hard_restarts_scheduler":
        return lr_trace(lambda opt: _hard_restarts(opt, **kwargs), base_lr, n)
    if item.builder and item.builder.startswith("transformers."):  # the library's own function
        from transformers import optimization

        make = getattr(optimization, item.builder.split(".", 1)[1])
        return lr_trace(lambda opt: make(opt, **kwargs), base_lr, n)
    if item.builder in ("sequential_scheduler", "chained_scheduler"):  # children from specs
        def make(opt):
            children = [getattr(lr_scheduler, c["scheduler"])(opt, **c["kwargs"])
                        for c in kwargs["schedulers"]]
            if item.builder == "chained_scheduler":
                return lr_scheduler.ChainedScheduler(children, opt)
            return lr_scheduler.SequentialLR(opt, children, kwargs["milestones"])

        return lr_trace(make, base_lr, n)
    if item.builder:  # warmup + cosine: LambdaLR warmup, then torch's cosine from step W
        warmup, total = kwargs["warmup_steps"], kwargs["total_steps"]
        warm = lr_trace(
            lambda opt: lr_scheduler.LambdaLR(opt, lambda t: t / warmup), base_lr, warmup
        )
        cosine = lr_trace(
            lambda opt: lr_scheduler.CosineAnnealingLR(
                opt, T_max=total - warmup, eta_min=kwargs.get("min_lr", 0.0)
            ),
            base_lr,
            n - warmup,
        )
        return warm[:warmup] + cosine
    cls = torch_scheduler_class(item.torch_class)
    return lr_trace(lambda opt: cls(opt, **kwargs), base_lr, n, metrics=metrics)


@pytest.mark.parametrize("item", ENTRIES)
@pytest.mark.parametrize(("n", "base_lr"), [(20, 0.1), (100, 3e-4)])
def test_reference_agrees_with_torch(item, n, base_lr):
    metrics = PLATEAU_LOSSES if item.call == "metrics" else None
    kwargs = item.budget(n, base_lr)
    ours = catalog.reference_lrs(item, base_lr, n, metrics=metrics, **kwargs)
    want = _oracle(item, base_lr, n, metrics, kwargs)
    assert len(ours) == len(want)
    for t, (a, b) in enumerate(zip(ours, want, strict=True)):
        assert math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12 * base_lr), (item.name, t, a, b)
    via_catalog = catalog.torch_lrs(item, base_lr, n, metrics=metrics, **kwargs)
    pairs = zip(ours, via_catalog, strict=True)
    assert all(math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-15) for a, b in pairs)


def test_reference_uses_torchs_defaults_where_the_closed_form_differs():
    warm = catalog.entry("Warmup + cosine")
    assert inspect.signature(schedules.warmup_cosine_schedule).parameters["min_lr"].default != 0
    lrs = catalog.reference_lrs(warm, 0.1, 20, warmup_steps=2, total_steps=20)
    assert lrs[20] == 0.0  # torch's builder default min_lr=0.0, not the closed form's 1e-6


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [
        ("MultiStepLR", {"milestones": [3, 3, 7], "gamma": 0.5}),
        ("CosineAnnealingLR", {"T_max": 10, "eta_min": 0.01}),  # past T_max it rises
        ("OneCycleLR", {"max_lr": 1.0, "total_steps": 31, "pct_start": 0.25}),
        ("CosineAnnealingWarmRestarts", {"T_0": 3, "T_mult": 2, "eta_min": 1e-3}),
        ("ConstantLR", {"factor": 0.25, "total_iters": 7}),
        ("PolynomialLR", {"total_iters": 20, "power": 2.0}),  # 0 from step 20 on
        ("MultiplicativeLR", {"lr_lambda": schedules.ConstantFactor(0.9)}),
        ("SWALR", {"swa_lr": 0.05, "anneal_epochs": 5, "anneal_strategy": "linear"}),
        ("CyclicLR", {"base_lr": 0.01, "max_lr": 0.3, "step_size_up": 4, "step_size_down": 7,
                      "mode": "exp_range", "gamma": 0.97}),
        ("CyclicLR", {"base_lr": 0.05, "max_lr": 0.2, "step_size_up": 3, "mode": "triangular2"}),
    ],
)
def test_reference_agrees_off_the_budget_examples(name, kwargs):
    item = catalog.entry(name)
    ours = catalog.reference_lrs(item, 0.2, 30, **kwargs)
    want = lr_trace(lambda opt: torch_scheduler_class(name)(opt, **kwargs), 0.2, 30)
    pairs = zip(ours, want, strict=True)
    assert all(math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-15) for a, b in pairs)


def test_markdown_table_has_one_row_per_entry():
    lines = catalog.table_markdown().splitlines()
    assert len(lines) == 2 + len(catalog.CATALOG)
    for line in lines:
        cells = line.replace("\\|", "").strip("|").split("|")
        assert len(cells) == len(catalog.COLUMNS), line
    assert "`T_max`, `eta_min=0.0`" in catalog.table_markdown()
    assert "0.3333333" not in catalog.table_markdown()  # long floats shortened


def test_markdown_escapes_pipes():
    odd = dataclasses.replace(catalog.entry("StepLR"), when="a | b")
    row = catalog.table_markdown([odd]).splitlines()[2]
    assert "a \\| b" in row


def test_html_table_escapes_and_marks_code():
    odd = dataclasses.replace(catalog.entry("StepLR"), when="<script>")
    text = catalog.table_html([odd])
    assert "<script>" not in text and "&lt;script&gt;" in text
    assert "<code>gamma=0.1</code>" in text
    assert text.count("<tr>") == 2


def test_corrections_fill_in_torch_defaults():
    text = catalog.corrections_markdown()
    assert "{" not in text and "}" not in text
    assert "T_max (total epochs)" in text
    assert "factor defaults to 0.1" in text
    assert len(text.splitlines()) == 2 + sum(1 for e in catalog.CATALOG if e.lesson)


def test_show_table_displays_and_rejects_bad_format(monkeypatch):
    shown = []
    monkeypatch.setattr("IPython.display.display", shown.append)
    catalog.show_table("html")
    catalog.show_table()
    catalog.show_corrections()
    assert [type(s).__name__ for s in shown] == ["HTML", "Markdown", "Markdown"]
    with pytest.raises(ValueError, match="markdown' or 'html"):
        catalog.show_table("latex")


def test_unknown_entry_is_a_clear_error():
    with pytest.raises(ValueError, match="choose one of: StepLR"):
        catalog.entry("SGDR")
    assert catalog.entry("CosineAnnealingLR").torch_class == "CosineAnnealingLR"


def test_bad_parameter_or_class_is_a_clear_error():
    bad = dataclasses.replace(catalog.entry("StepLR"), params=("step_size", "gama"))
    with pytest.raises(ValueError, match="'gama' is not a parameter"):
        catalog.key_parameters(bad)
    gone = dataclasses.replace(catalog.entry("StepLR"), torch_class="StepLRX")
    with pytest.raises(ValueError, match="no class 'StepLRX'"):
        catalog.torch_class(gone)


def test_metrics_only_for_the_metric_driven_entry():
    with pytest.raises(ValueError, match="driven by a metric"):
        catalog.reference_lrs(catalog.entry("ReduceLROnPlateau"), 0.1, 5)
    with pytest.raises(ValueError, match="takes no metrics"):
        catalog.torch_lrs(catalog.entry("StepLR"), 0.1, metrics=[1.0], step_size=2)
    with pytest.raises(ValueError, match="n_steps"):
        catalog.reference_lrs(catalog.entry("StepLR"), 0.1, -1, step_size=2)


def test_part_two_rows_restarts_and_cycles():
    warm = catalog.entry("CosineAnnealingWarmRestarts")
    assert warm.notebook == "10_warm_restarts_and_cycles"
    assert "stop at a cycle end (k·T_0 steps, or T_0·(T_mult^k − 1)/(T_mult − 1)" in warm.in_advance
    cyclic = catalog.entry("CyclicLR")
    assert catalog.key_parameters(cyclic)["cycle_momentum"] is True  # read from torch
    lrs = catalog.torch_lrs(cyclic, 0.5, 4, base_lr=0.01, max_lr=0.1, step_size_up=2)
    assert lrs[0] == 0.01  # CyclicLR sets its own base_lr at construction, not the optimizer's


def test_hard_restarts_row_reads_transformers_defaults():
    from transformers import get_cosine_with_hard_restarts_schedule_with_warmup as hf

    item = catalog.entry("Hard restarts (transformers)")
    ours = inspect.signature(catalog.parameter_source(item)).parameters["num_cycles"].default
    assert ours == inspect.signature(hf).parameters["num_cycles"].default
    assert catalog.torch_class(item) is lr_scheduler.LambdaLR
