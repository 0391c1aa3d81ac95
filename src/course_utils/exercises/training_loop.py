"""Exercise `train_loop`: fix a buggy loop; judged by the lrs its optimizer really used.

Oracle: the lr of every param group at each optimizer.step() (recorded by a step pre-hook on
a tiny seeded task, see loop_harness) against torch's own scheduler trace; ReduceLROnPlateau
against the model answer's run (its metric depends on the training).
"""

from course_utils.cases import Case
from course_utils.exercises.answer_kinds import Trace
from course_utils.exercises.base import Exercise, Mistake
from course_utils.exercises.loop_harness import run_loop, scheduler_from


def _case(scheduler: dict, step_per: str, epochs: int, batch_size: int, n_train: int,
          base_lrs=(0.1,), seed: int = 0, label: str = "") -> Case:
    steps_per_epoch = -(-n_train // batch_size)
    if scheduler["name"] == "OneCycleLR":
        scheduler = {**scheduler, "total_steps": steps_per_epoch * epochs}
    setup = {"scheduler": scheduler, "step_per": step_per, "epochs": epochs,
             "batch_size": batch_size, "n_train": n_train, "n_val": 12, "seed": seed,
             "base_lrs": list(base_lrs), "steps_per_epoch": steps_per_epoch}
    return Case((), max(base_lrs), label, setup)


def edge_cases() -> list[Case]:
    return [
        _case({"name": "StepLR", "step_size": 2, "gamma": 0.5}, "epoch", 5, 4, 12,
              label="per-epoch StepLR"),
        _case({"name": "LinearLR", "start_factor": 0.25, "total_iters": 6}, "batch", 3, 4, 12,
              label="per-batch warmup (LinearLR)"),
        _case({"name": "OneCycleLR", "max_lr": 0.2}, "batch", 3, 5, 13,
              label="per-batch OneCycleLR, last batch of 3"),
        _case({"name": "ReduceLROnPlateau", "factor": 0.5, "patience": 0}, "plateau", 6, 4, 16,
              base_lrs=(0.5,), label="ReduceLROnPlateau on the validation loss"),
        _case({"name": "CosineAnnealingLR", "T_max": 4}, "epoch", 4, 6, 12,
              base_lrs=(0.1, 0.02), seed=1, label="per-epoch cosine, two param groups"),
        _case({"name": "ExponentialLR", "gamma": 0.9}, "batch", 2, 4, 9,
              label="per-batch ExponentialLR, a batch of one"),
    ]


def random_cases(rng) -> list[Case]:
    cases = []
    for step_per in ("epoch", "batch", "plateau"):
        epochs, batch_size = rng.randint(2, 5), rng.randint(2, 6)
        n_train = rng.randint(batch_size + 1, 4 * batch_size)
        base_lrs = [round(10 ** rng.uniform(-2, -0.3), 5) for _ in range(rng.randint(1, 2))]
        if step_per == "epoch":
            scheduler = rng.choice([{"name": "StepLR", "step_size": rng.randint(1, 2),
                                     "gamma": round(rng.uniform(0.2, 0.8), 3)},
                                    {"name": "CosineAnnealingLR", "T_max": epochs}])
        elif step_per == "batch":
            scheduler = rng.choice([{"name": "OneCycleLR", "max_lr": base_lrs[0] * 2},
                                    {"name": "ExponentialLR",
                                     "gamma": round(rng.uniform(0.8, 0.98), 3)}])
        else:
            epochs, base_lrs = rng.randint(5, 7), [round(rng.uniform(0.3, 0.8), 3)]
            scheduler = {"name": "ReduceLROnPlateau", "factor": 0.5,
                         "patience": rng.randint(0, 1)}
        cases.append(_case(scheduler, step_per, epochs, batch_size, n_train, base_lrs,
                           rng.randrange(1000), "random"))
    return cases


def expected(cases: list[Case]) -> list[list[list[float]]]:
    """Plain schedules: torch's own trace (lr_trace), one value per optimizer step.
    ReduceLROnPlateau: the trusted solution's run (its metric depends on the training)."""
    from course_utils.torch_traces import lr_trace

    result = []
    for case in cases:
        s = case.setup
        if s["step_per"] == "plateau":
            result.append(run_loop(train_loop, case))
            continue
        per_epoch = s["step_per"] == "epoch"
        n_steps = s["epochs"] if per_epoch else s["epochs"] * s["steps_per_epoch"]
        trace = lr_trace(lambda opt, spec=s["scheduler"]: scheduler_from(opt, spec), s["base_lrs"],
                         n_steps - 1, momentum=0.9)
        if per_epoch:
            trace = [row for row in trace for _ in range(s["steps_per_epoch"])]
        result.append(trace)
    return result


def describe(case: Case) -> str:
    s = case.setup
    spec = ", ".join(f"{k}={v!r}" for k, v in s["scheduler"].items() if k != "name")
    lrs = [float(f"{b:.4g}") for b in s["base_lrs"]]
    text = (f"train_loop(optimizer with base lrs {lrs}, "
            f"scheduler={s['scheduler']['name']}({spec}), "
            f"epochs={s['epochs']}, step_per={s['step_per']!r}; {s['steps_per_epoch']} batches "
            "per epoch)")
    return text + (f"  [{case.label}]" if case.label else "")


# --- the model answer and the known bugs ---


def _val_loss(model, val_loader) -> float:
    import torch
    import torch.nn.functional as F

    model.eval()
    with torch.no_grad():
        losses = [F.cross_entropy(model(X), y).item() for X, y in val_loader]
    return sum(losses) / len(losses)


def train_loop(model, train_loader, val_loader, optimizer, scheduler, epochs,
               step_per="epoch") -> list[float]:
    """Train for `epochs`, stepping `scheduler` per "batch", per "epoch", or on "plateau"
    (with the validation loss). Returns the validation loss of each epoch."""
    import torch
    import torch.nn.functional as F

    val_losses = []
    for _ in range(epochs):
        model.train()
        for inputs, targets in train_loader:
            optimizer.zero_grad()
            F.cross_entropy(model(inputs), targets).backward()
            optimizer.step()
            if step_per == "batch":
                scheduler.step()  # after optimizer.step(), once per optimizer step
        model.eval()
        with torch.no_grad():
            batch_losses = [F.cross_entropy(model(X), y).item() for X, y in val_loader]
        val_losses.append(sum(batch_losses) / len(batch_losses))
        if step_per == "epoch":
            scheduler.step()
        elif step_per == "plateau":
            scheduler.step(val_losses[-1])  # ReduceLROnPlateau needs the metric
    return val_losses


def _buggy(before=False, epoch_before=False, extra_epoch_step=False, all_per_batch=False,
           batch_per_epoch=False, plateau="val", never=""):
    """A loop with the chosen bugs (each is one known mistake)."""
    import torch.nn.functional as F

    def loop(model, train_loader, val_loader, optimizer, scheduler, epochs, step_per="epoch"):
        if step_per == never:  # this kind of scheduler is never stepped
            scheduler = _NeverStepped()
        val_losses = []
        per_batch = (step_per == "batch" and not batch_per_epoch) or (
            all_per_batch and step_per == "epoch")
        early = epoch_before and step_per == "epoch"
        for _ in range(epochs):
            model.train()
            if early:
                scheduler.step()
            for X, y in train_loader:
                optimizer.zero_grad()
                loss = F.cross_entropy(model(X), y)
                loss.backward()
                if per_batch and before:
                    scheduler.step()
                optimizer.step()
                if per_batch and not before:
                    scheduler.step()
            val_losses.append(_val_loss(model, val_loader))
            if step_per == "plateau":
                if plateau == "val":
                    scheduler.step(val_losses[-1])
                elif plateau == "train":
                    scheduler.step(loss.item())
                else:
                    scheduler.step()
            elif (not per_batch and not early) or (extra_epoch_step and step_per == "batch"):
                scheduler.step()
        return val_losses

    return loop


class _NeverStepped:
    def step(self, *args):
        pass


as_given = _buggy(before=True, extra_epoch_step=True, plateau="train")
batch_before_optimizer = _buggy(before=True)
epoch_scheduler_at_start = _buggy(epoch_before=True)
before_optimizer = _buggy(before=True, epoch_before=True)
extra_epoch_step = _buggy(extra_epoch_step=True)
epoch_scheduler_per_batch = _buggy(all_per_batch=True)
batch_scheduler_per_epoch = _buggy(batch_per_epoch=True)
plateau_on_train_loss = _buggy(plateau="train")
plateau_without_metric = _buggy(plateau="none")
never_stepped = {mode: _buggy(never=mode) for mode in ("epoch", "batch", "plateau")}

MISTAKES = (
    Mistake("as_given", "this is the buggy loop as given: it still steps a per-batch scheduler "
            "before optimizer.step() and again at the end of each epoch, and feeds "
            "ReduceLROnPlateau the training loss. Fix all three.", as_given),
    Mistake("scheduler_before_optimizer", "scheduler.step() runs before optimizer.step(): the "
            "first lr of the schedule is never used and every later one comes a step early (for a "
            "per-epoch scheduler: don't step it at the start of the epoch). Call "
            "optimizer.step() first, then scheduler.step().", before_optimizer),
    Mistake("batch_scheduler_before_optimizer", "a per-batch scheduler is stepped before "
            "optimizer.step(): the first lr of the schedule is never used and every later one "
            "comes a step early. Call optimizer.step() first, then scheduler.step().",
            batch_before_optimizer),
    Mistake("epoch_scheduler_at_epoch_start", "a per-epoch scheduler is stepped at the start of "
            "the epoch: the first epoch already trains with the second lr of the schedule. Step "
            "it once, after the epoch's batches.", epoch_scheduler_at_start),
    Mistake("epoch_scheduler_never_stepped", "with step_per='epoch' your loop never calls "
            "scheduler.step(), so the lr never changes: call it once, after each epoch's batches.",
            never_stepped["epoch"]),
    Mistake("batch_scheduler_never_stepped", "with step_per='batch' your loop never calls "
            "scheduler.step(), so the lr never changes: call it after every optimizer.step().",
            never_stepped["batch"]),
    Mistake("plateau_never_stepped", "with step_per='plateau' your loop never calls "
            "scheduler.step(val_loss), so ReduceLROnPlateau never cuts: call it after each "
            "validation.", never_stepped["plateau"]),
    Mistake("batch_scheduler_also_stepped_per_epoch", "a per-batch scheduler is stepped after "
            "every batch AND again at the end of each epoch, so it runs ahead (OneCycleLR even "
            "raises past total_steps). Step it in one place only.", extra_epoch_step),
    Mistake("epoch_scheduler_stepped_per_batch", "a per-epoch scheduler is stepped after every "
            "batch, so it runs steps_per_epoch times too fast. With step_per='epoch' call "
            "scheduler.step() once, after the epoch's batches.", epoch_scheduler_per_batch),
    Mistake("batch_scheduler_stepped_per_epoch", "a per-batch scheduler is stepped only once "
            "per epoch, so it runs steps_per_epoch times too slowly (a OneCycleLR covers only "
            "1 / steps_per_epoch of its cycle). With step_per='batch' call scheduler.step() "
            "after every "
            "optimizer.step().", batch_scheduler_per_epoch),
    Mistake("plateau_on_train_loss", "ReduceLROnPlateau is fed the training loss; it must "
            "watch the validation loss: scheduler.step(val_loss) after validating.",
            plateau_on_train_loss),
    Mistake("plateau_without_metric", "ReduceLROnPlateau.step() needs the metric it "
            "monitors: call scheduler.step(val_loss), not scheduler.step().",
            plateau_without_metric),
)

HINTS = (
    "Three places can go wrong: where a per-batch scheduler steps, where a per-epoch one "
    "steps, and what ReduceLROnPlateau is given. Print optimizer.param_groups[0]['lr'] "
    "before each optimizer.step() and compare with the schedule you expect.",
    "Order inside the batch loop: zero_grad, forward, backward, optimizer.step(), and only "
    "then, if step_per == 'batch', scheduler.step(). Nothing else steps a per-batch "
    "scheduler.",
    "After the batches: validate; then scheduler.step() if step_per == 'epoch', or "
    "scheduler.step(val_loss) if step_per == 'plateau' (the validation loss, not the "
    "training loss).",
)

EXERCISE = Exercise(solution=train_loop, notebook="08_training_loop", reference=train_loop,
                    edge_cases=edge_cases, random_cases=random_cases, expected=expected,
                    mistakes=MISTAKES, hints=HINTS, returns=Trace(run_loop), describe_case=describe)
