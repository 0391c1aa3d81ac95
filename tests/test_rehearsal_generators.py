"""Tests for course_utils.rehearsal.generators: fresh questions, answers checked against torch."""

import pytest
import torch

from course_utils.rehearsal import bank, generators

SEEDS = range(30)
KINDS = list(generators.GENERATORS)


def _torch_scheduler(optimizer, spec):
    kwargs = dict(spec.get("kwargs", {}))
    if spec["scheduler"].startswith("transformers."):  # Hugging Face's schedule functions
        from transformers import optimization

        return getattr(optimization, spec["scheduler"].split(".", 1)[1])(optimizer, **kwargs)
    if spec["scheduler"] in ("SequentialLR", "ChainedScheduler"):
        kwargs["schedulers"] = [_torch_scheduler(optimizer, s) for s in kwargs["schedulers"]]
    if spec["scheduler"] == "ChainedScheduler":
        return torch.optim.lr_scheduler.ChainedScheduler(kwargs["schedulers"], optimizer)
    return getattr(torch.optim.lr_scheduler, spec["scheduler"])(optimizer, **kwargs)


def _base_lr(oracle):
    """The group's base lr: with layer-wise decay (notebook 13), layers[-k] has base·decay^k."""
    groups = oracle.get("param_groups")
    if groups is None:
        return oracle["base_lr"]
    return oracle["base_lr"] * groups["decay"] ** (groups["n_layers"] - groups["layer"])


def _torch_answer(oracle):
    """The answer recomputed here with a plain torch loop (independent of oracle.py)."""
    optimizer = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=_base_lr(oracle))
    if oracle["scheduler"] is None:
        return optimizer.param_groups[0]["lr"]
    scheduler = _torch_scheduler(optimizer, oracle)
    lrs = [optimizer.param_groups[0]["lr"]]
    metrics = oracle.get("metrics")
    for i in range(len(metrics) if metrics else oracle.get("n_steps", oracle.get("t", 0))):
        optimizer.step()
        scheduler.step(metrics[i]) if metrics else scheduler.step()
        lrs.append(optimizer.param_groups[0]["lr"])
    kind = oracle.get("kind", "lr")
    if kind == "lr":
        return lrs[oracle["t"]]
    if kind == "argmax":
        return lrs.index(max(lrs))
    if kind == "first_cut":
        return next(i for i in range(1, len(lrs)) if lrs[i] < lrs[i - 1])
    if kind == "first_above":
        return next(t for t, lr in enumerate(lrs) if lr > oracle["threshold"])
    if kind == "nth_rise":
        return [i for i in range(1, len(lrs)) if lrs[i] > lrs[i - 1]][oracle["n"] - 1]
    raise AssertionError(kind)


@pytest.mark.filterwarnings("ignore::UserWarning")
@pytest.mark.parametrize("kind", KINDS)
def test_generated_answers_match_torch_over_many_seeds(kind):
    for seed in SEEDS:
        q = generators.generate(kind, seed)
        want = _torch_answer(q["oracle"])
        assert bank.correct_value(q) == pytest.approx(want, rel=1e-12, abs=1e-15), (kind, seed)
        assert bank.question_problems(q) == []
        assert bank.judge_response(q, want).correct


@pytest.mark.parametrize("kind", KINDS)
def test_question_text_states_the_oracle_parameters(kind):
    for seed in range(10):
        q = generators.generate(kind, seed)
        oracle = q["oracle"]
        for key, value in oracle["kwargs"].items():
            if isinstance(value, int | float):
                assert f"{key}={value:g}" in q["question"], (key, q["question"])
        if "t" in oracle:
            assert f" {oracle['t']}" in q["question"]
        for metric in oracle.get("metrics", []):
            assert f"{metric:g}" in q["question"]


@pytest.mark.parametrize("kind", KINDS)
def test_generation_is_deterministic_given_a_seed(kind):
    assert generators.generate(kind, 7) == generators.generate(kind, 7)
    texts = {generators.generate(kind, s)["question"] for s in range(10)}
    assert len(texts) >= 5  # parameters really are random


def test_generated_questions_belong_to_their_topic_and_judge_with_tolerance():
    q = generators.generate("exponential_lr", 3)
    assert q["topic"] == "03_exponential_lr" and q["id"] == "gen-exponential_lr-3"
    value = bank.correct_value(q)
    assert bank.judge_response(q, value * 1.004).correct
    assert not bank.judge_response(q, value * 1.05).correct
    peak = generators.generate("one_cycle_peak", 3)
    value = bank.correct_value(peak)
    assert bank.judge_response(peak, value).correct
    assert not bank.judge_response(peak, value + 1).correct


def test_every_plateau_question_has_a_cut_and_kinds_cover_topics():
    for seed in range(50):
        q = generators.generate("plateau_first_cut", seed)
        assert 1 <= bank.correct_value(q) <= len(q["oracle"]["metrics"])
    assert generators.kinds_for("08_training_loop") == []
    assert generators.kinds_for("06_one_cycle") == ["one_cycle_peak"]
    with pytest.raises(ValueError, match="unknown generator"):
        generators.generate("nope", 1)


def test_notebook_13_generators_cover_layerwise_decay_and_batch_scaling():
    assert generators.kinds_for("13_param_groups_and_batch_size") == [
        "layerwise_lr", "layerwise_cosine", "linear_scaling_warmup", "sqrt_scaling_warmup"]
    q = generators.generate("layerwise_lr", 0)
    groups = q["oracle"]["param_groups"]
    k = groups["n_layers"] - groups["layer"]
    assert bank.correct_value(q) == pytest.approx(q["oracle"]["base_lr"] * groups["decay"] ** k)
    assert f"layers[{groups['layer']}]" in q["question"]
