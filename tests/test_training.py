"""course_utils.training: digits split, seeded model, a training loop that logs the lr it used."""

from collections import Counter

import pytest
import torch

from course_utils.torch_traces import lr_trace
from course_utils.training import (
    History,
    evaluate,
    load_digits_split,
    load_digits_train_val_test,
    make_loader,
    make_model,
    mean_spread,
    optimizer_steps_per_epoch,
    train,
)


@pytest.fixture(scope="module")
def data():
    return load_digits_split(seed=0)


def test_split_shapes_scale_and_stratification(data):
    X_train, y_train, X_val, y_val = data
    assert X_train.dtype == torch.float32 and y_train.dtype == torch.long
    assert X_train.shape[1] == 64 and len(X_train) + len(X_val) == 1797
    assert len(X_val) == pytest.approx(0.25 * 1797, abs=1)
    assert float(X_train.min()) == 0.0 and float(X_train.max()) == 1.0
    train_share = torch.bincount(y_train, minlength=10) / len(y_train)
    val_share = torch.bincount(y_val, minlength=10) / len(y_val)
    assert torch.allclose(train_share, val_share, atol=0.01)


def test_split_is_deterministic_and_depends_on_seed(data):
    again = load_digits_split(seed=0)
    assert all(torch.equal(a, b) for a, b in zip(data, again, strict=True))
    other = load_digits_split(seed=1)
    assert not torch.equal(data[1], other[1])


def rows(X, y) -> Counter:
    return Counter((tuple(x.tolist()), int(label)) for x, label in zip(X, y, strict=True))


def test_three_way_split_is_a_stratified_partition_of_the_digits(data):
    parts = load_digits_train_val_test(seed=0)
    X_train, y_train, X_val, y_val, X_test, y_test = parts
    assert (len(y_train), len(y_val), len(y_test)) == (1077, 360, 360)
    everything = rows(torch.cat([data[0], data[2]]), torch.cat([data[1], data[3]]))
    assert rows(X_train, y_train) + rows(X_val, y_val) + rows(X_test, y_test) == everything
    for labels in (y_val, y_test):
        share = torch.bincount(labels, minlength=10) / len(labels)
        assert torch.allclose(share, torch.bincount(y_train, minlength=10) / len(y_train),
                              atol=0.01)
    again = load_digits_train_val_test(seed=0)
    assert all(torch.equal(a, b) for a, b in zip(parts, again, strict=True))
    assert not torch.equal(y_test, load_digits_train_val_test(seed=1)[5])


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [({"val_fraction": 0.0}, "val_fraction"), ({"test_fraction": 1.0}, "test_fraction"),
     ({"val_fraction": 0.5, "test_fraction": 0.5}, "must be < 1")],
)
def test_three_way_split_rejects_bad_fractions(kwargs, match):
    with pytest.raises(ValueError, match=match):
        load_digits_train_val_test(**kwargs)


def test_test_set_is_evaluated_once_at_the_end_and_never_trained_on():
    X_train, y_train, X_val, y_val, X_test, y_test = load_digits_train_val_test(seed=0)
    plain = train(epochs=3, data=(X_train, y_train, X_val, y_val))
    tested = train(epochs=3, data=(X_train, y_train, X_val, y_val), test=(X_test, y_test))
    assert plain.test_loss is None and plain.test_acc is None
    assert tested.train_loss == plain.train_loss and tested.val_loss == plain.val_loss
    assert 0.0 < tested.test_loss < 1.0 and 0.8 < tested.test_acc <= 1.0
    on_val = train(epochs=3, data=(X_train, y_train, X_val, y_val), test=(X_val, y_val))
    assert on_val.test_loss == pytest.approx(on_val.val_loss[-1], rel=1e-6)


@pytest.mark.parametrize("bad", [(1, 2, 3), "test", (torch.zeros(2, 64),)])
def test_bad_test_set_raises(data, bad):
    with pytest.raises(ValueError, match="test must be"):
        train(epochs=1, data=data, test=bad)


def test_tail_is_mean_and_spread_of_the_last_validation_losses():
    history = History(val_loss=[9.0, 1.0, 2.0, 3.0])
    assert history.tail(3) == pytest.approx((2.0, 1.0))
    assert history.tail(2) == pytest.approx((2.5, 0.5**0.5))


def test_mean_spread_needs_two_values():
    assert mean_spread([1, 3]) == pytest.approx((2.0, 2**0.5))
    with pytest.raises(ValueError, match="at least two"):
        mean_spread([1.0])


def test_model_init_depends_only_on_seed_and_keeps_global_rng():
    state = torch.get_rng_state()
    a, b, c = make_model(seed=3), make_model(seed=3), make_model(seed=4)
    assert torch.equal(torch.get_rng_state(), state)
    assert all(torch.equal(p, q) for p, q in zip(a.parameters(), b.parameters(), strict=True))
    assert not torch.equal(a[0].weight, c[0].weight)
    assert a(torch.zeros(2, 64)).shape == (2, 10)
    assert make_model(hidden=16)[0].out_features == 16


def test_training_is_deterministic_for_a_seed(data):
    h1 = train(epochs=3, seed=0, data=data)
    h2 = train(epochs=3, seed=0, data=data)
    h3 = train(epochs=3, seed=1, data=data)
    assert isinstance(h1, History)
    assert h1.train_loss == h2.train_loss and h1.val_acc == h2.val_acc
    assert h1.train_loss != h3.train_loss


def test_learning_happens(data):
    model = make_model()
    _, acc_before = evaluate(model, data[2], data[3])
    history = train(epochs=20, lr=0.1, data=data)
    assert acc_before < 0.2
    assert history.final_acc > 0.9
    assert history.val_loss[-1] < history.val_loss[0]
    assert len(history.train_loss) == len(history.val_loss) == len(history.val_acc) == 20


def test_constant_lr_without_scheduler(data):
    history = train(epochs=2, lr=0.05, batch_size=100, data=data)
    steps_per_epoch = -(-len(data[0]) // 100)
    assert history.lrs == [0.05] * (2 * steps_per_epoch)
    assert history.epoch_lrs == [0.05, 0.05]


def test_epoch_stepping_logs_the_steplr_sequence(data):
    def factory(opt, steps_per_epoch, epochs):
        return torch.optim.lr_scheduler.StepLR(opt, step_size=2, gamma=0.5)

    history = train(epochs=6, lr=0.1, batch_size=256, scheduler=factory, data=data)
    expected = lr_trace(lambda o: torch.optim.lr_scheduler.StepLR(o, 2, 0.5), 0.1, 5)
    assert history.epoch_lrs == pytest.approx(expected, rel=1e-12)
    steps_per_epoch = len(history.lrs) // 6
    assert steps_per_epoch == -(-len(data[0]) // 256)
    per_step = [lr for lr in expected for _ in range(steps_per_epoch)]
    assert history.lrs == pytest.approx(per_step, rel=1e-12)


def test_batch_stepping_logs_the_one_cycle_sequence(data):
    seen = {}

    def factory(opt, steps_per_epoch, epochs):
        seen.update(steps_per_epoch=steps_per_epoch, epochs=epochs)
        total_steps = steps_per_epoch * epochs
        return torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=0.2, total_steps=total_steps)

    history = train(
        epochs=3, lr=0.1, batch_size=128, scheduler=factory, step_per="batch", data=data
    )
    total = seen["steps_per_epoch"] * seen["epochs"]
    assert seen["epochs"] == 3 and len(history.lrs) == total
    expected = lr_trace(
        lambda o: torch.optim.lr_scheduler.OneCycleLR(o, max_lr=0.2, total_steps=total),
        0.1, total - 1, momentum=0.9,
    )
    assert history.lrs == pytest.approx(expected, rel=1e-12)
    assert history.lrs[0] == pytest.approx(0.2 / 25)


def test_plateau_stepping_uses_the_validation_loss(data):
    def factory(opt, steps_per_epoch, epochs):
        return torch.optim.lr_scheduler.ReduceLROnPlateau(opt, factor=0.5, patience=0)

    history = train(epochs=8, lr=0.5, scheduler=factory, step_per="plateau", data=data)
    expected = lr_trace(
        lambda o: torch.optim.lr_scheduler.ReduceLROnPlateau(o, factor=0.5, patience=0),
        0.5, 0, metrics=history.val_loss[:-1],
    )
    assert history.epoch_lrs == pytest.approx(expected, rel=1e-12)
    assert min(history.epoch_lrs) < 0.5  # the metric did stall at lr 0.5: cuts happened


def test_clip_grad_norm_changes_the_run(data):
    plain = train(epochs=2, lr=0.5, data=data)
    clipped = train(epochs=2, lr=0.5, clip_grad_norm=0.1, data=data)
    assert plain.train_loss != clipped.train_loss


@pytest.mark.parametrize("optimizer", ["adam", "adamw"])
def test_adam_variants_learn(data, optimizer):
    assert train(epochs=5, lr=3e-3, optimizer=optimizer, data=data).final_acc > 0.85


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"epochs": 0}, ValueError),
        ({"lr": 0.0}, ValueError),
        ({"step_per": "step"}, ValueError),
        ({"optimizer": "rmsprop"}, ValueError),
        ({"batch_size": 0}, ValueError),
        ({"clip_grad_norm": -1.0}, ValueError),
        ({"scheduler": "cosine"}, TypeError),
        ({"step_per": "plateau"}, ValueError),
        (
            {"scheduler": lambda o, s, e: torch.optim.lr_scheduler.ReduceLROnPlateau(o)},
            ValueError,
        ),
    ],
)
def test_bad_arguments_raise_clear_errors(data, kwargs, error):
    with pytest.raises(error):
        train(epochs=kwargs.pop("epochs", 1), data=data, **kwargs)


def test_bad_val_fraction():
    with pytest.raises(ValueError, match="val_fraction"):
        load_digits_split(val_fraction=1.5)


@pytest.mark.parametrize(
    ("batches", "accumulation", "steps"),
    [(85, 4, 22), (84, 4, 21), (85, 1, 85), (1, 8, 1), (16, 8, 2)],
)
def test_optimizer_steps_per_epoch_counts_the_short_tail_group(batches, accumulation, steps):
    assert optimizer_steps_per_epoch(batches, accumulation) == steps


@pytest.mark.parametrize("bad", [0, -1, 2.0, True, None])
def test_optimizer_steps_per_epoch_rejects_non_positive_ints(bad):
    with pytest.raises(ValueError, match="positive int"):
        optimizer_steps_per_epoch(10, bad)
    with pytest.raises(ValueError, match="positive int"):
        optimizer_steps_per_epoch(bad, 2)


def test_training_runs_on_one_thread_and_restores_the_thread_count(data):
    seen = []

    def factor(step):  # LambdaLR calls it at every scheduler.step(), inside the loop
        seen.append(torch.get_num_threads())
        return 1.0

    def factory(opt, steps_per_epoch, epochs):
        return torch.optim.lr_scheduler.LambdaLR(opt, factor)

    before = torch.get_num_threads()
    torch.set_num_threads(2)
    try:
        train(epochs=2, scheduler=factory, step_per="epoch", data=data)
        assert set(seen[1:]) == {1} and len(seen) == 3  # construction, then 2 steps in the loop
        assert torch.get_num_threads() == 2
    finally:
        torch.set_num_threads(before)


def test_loader_shuffles_each_epoch_anew_and_covers_every_sample_once(data):
    X, y = data[0], data[1]
    loader = make_loader(X, y, batch_size=100, seed=0)
    assert len(loader) == -(-len(y) // 100)
    epochs = [list(loader) for _ in range(2)]
    for batches in epochs:
        assert [len(b) for _, b in batches] == [100] * (len(y) // 100) + [len(y) % 100]
        assert rows(torch.cat([a for a, _ in batches]), torch.cat([b for _, b in batches])) \
            == rows(X, y)
    assert not torch.equal(epochs[0][0][1], epochs[1][0][1])  # a new order every epoch
    again = make_loader(X, y, batch_size=100, seed=0)
    assert all(torch.equal(a[1], b[1]) for a, b in zip(epochs[0], list(again), strict=True))


def test_loader_gives_the_batches_of_torchs_random_sampler(data):
    from torch.utils.data import BatchSampler, DataLoader, RandomSampler, TensorDataset

    X, y = data[0], data[1]
    ours = make_loader(X, y, batch_size=64, seed=5)
    dataset = TensorDataset(X, y)
    sampler = RandomSampler(dataset, generator=torch.Generator().manual_seed(5))
    theirs = DataLoader(dataset, sampler=BatchSampler(sampler, 64, False), batch_size=None)
    assert len(ours) == len(theirs)
    for _ in range(3):  # epochs
        for (xa, ya), (xb, yb) in zip(ours, theirs, strict=True):
            assert torch.equal(xa, xb) and torch.equal(ya, yb)


def test_loader_order_resumes_from_its_generator_state(data):
    loader = make_loader(data[0], data[1], batch_size=256, seed=3)
    list(loader)
    state = loader.generator.get_state()
    expected = [y for _, y in loader]
    resumed = make_loader(data[0], data[1], batch_size=256, seed=3)
    resumed.generator.set_state(state)
    assert all(torch.equal(a, b) for a, b in zip(expected, [y for _, y in resumed], strict=True))


@pytest.mark.parametrize("bad", [0, -1, 2.5, True, None])
def test_loader_rejects_bad_batch_sizes(data, bad):
    with pytest.raises(ValueError, match="batch_size"):
        make_loader(data[0], data[1], batch_size=bad)


def test_loader_rejects_mismatched_lengths(data):
    with pytest.raises(ValueError, match="same length"):
        make_loader(data[0], data[1][:-1])
