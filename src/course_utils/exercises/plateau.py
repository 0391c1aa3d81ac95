"""Exercise `reduce_on_plateau`: the lr after each step(loss) of torch's ReduceLROnPlateau.

Oracle: torch.optim.lr_scheduler.ReduceLROnPlateau(mode='min', threshold_mode='rel', factor,
patience, threshold, cooldown, min_lr), stepped with each loss.
"""

import math

from course_utils import schedules
from course_utils.cases import Case
from course_utils.exercises.answer_kinds import PER_CALL
from course_utils.exercises.base import Exercise, Mistake
from course_utils.exercises.oracles import bind
from course_utils.torch_traces import plateau_trace


def _case(losses, base_lr, label="", **options) -> Case:
    return Case((list(losses), base_lr), base_lr, label, kwargs=options)


def edge_cases() -> list[Case]:
    return [
        _case([1.0] * 15, 0.1, "constant loss, defaults: torch cuts on call 12"),
        _case([1.0, 0.9] + [0.95] * 10, 0.1, "torch cuts on calls 5 and 9", patience=2,
              cooldown=1),
        _case([2.0, 1.5, 1.2, 1.0] + [1.0] * 8, 0.01, "improving, then flat", factor=0.5,
              patience=3),
        _case([1.0, 1.0, 0.9, 0.95, 0.95, 0.8, 0.8], 0.1, "patience = 0: every bad call cuts",
              factor=0.5, patience=0),
        _case([1.0] * 14, 0.1, "cooldown = 3", factor=0.5, patience=1, cooldown=3),
        _case([1.0] * 9, 0.1, "patience = 0, cooldown = 2: torch cuts on calls 2, 5 and 8",
              factor=0.5, patience=0, cooldown=2),
        _case([1.0] * 12, 0.1, "min_lr floor: max(lr * factor, min_lr)", patience=1,
              min_lr=0.004),
        _case([round(100 - 0.003 * k, 6) for k in range(12)], 0.1,
              "improvements below threshold (relative to best) don't count", patience=2),
        _case([10.0, 9.96, 9.92, 9.88, 9.84, 9.8, 9.76, 9.72], 0.05,
              "threshold = 0.01 is relative: better means loss < best * 0.99", patience=1,
              threshold=0.01),
        _case([round(0.002 - 1e-5 * k, 8) for k in range(12)], 0.1,
              "small losses: a 0.5 % improvement beats the relative threshold 1e-4", patience=2),
        _case([1.0, 0.8, 1.5, 0.9, 0.9, 0.9, 0.85, 0.85, 0.85, 0.85], 0.1,
              "a spike: best stays the lowest loss so far", factor=0.5, patience=2),
        _case([1.0, 1.0, 0.9, 0.9, 0.8, 0.8, 0.7, 0.7, 0.6, 0.6], 0.1,
              "an improvement resets the bad-call count", factor=0.5, patience=2),
        _case([1.0] * 6, 0.1, "threshold = 0: a repeated loss is no improvement", patience=1,
              threshold=0.0),
        _case([], 0.1, "no calls: no lrs"),
    ]


def _random_losses(rng, n: int) -> list[float]:
    loss, losses = 10 ** rng.uniform(-1, 0.7), []
    for _ in range(n):
        r = rng.random()
        if r < 0.35:
            loss *= rng.uniform(0.9, 0.995)  # an improvement
        elif r < 0.8:
            loss *= rng.uniform(0.999, 1.03)  # a stall, or noise
        loss = float(f"{loss:.4g}")
        losses.append(loss)
    return losses


def _robust(case: Case) -> bool:
    """Has cuts, and no comparison lies within 0.1 % of the threshold or within torch's eps,
    so that every correct rewrite of the rule gives the same lrs; and three cuts more than torch
    makes still stay clear of eps (lr above 1e-7), so that a wrong rule that cuts more often is
    named whether or not it keeps torch's eps test (most learners leave it out)."""
    losses, base_lr = case.args
    options = case.kwargs
    lrs = schedules.reduce_on_plateau(losses, base_lr, **options)
    nudged = [
        schedules.reduce_on_plateau(losses, base_lr, **{**options, "threshold": t})
        for t in (options["threshold"] * (1 - 1e-3), options["threshold"] * (1 + 1e-3))
    ]
    no_eps = schedules.reduce_on_plateau(losses, base_lr, **options, eps=0.0)
    clear_of_eps = lrs[-1] * options["factor"] ** 3 > 1e-7
    return lrs[-1] < base_lr and clear_of_eps and all(other == lrs for other in [*nudged, no_eps])


def random_cases(rng) -> list[Case]:
    cases = []
    for _ in range(4):
        for _attempt in range(50):
            base_lr = 10 ** rng.uniform(-4, -0.5)
            options = {
                "factor": rng.choice([0.1, 0.5, round(rng.uniform(0.2, 0.9), 2)]),
                "patience": rng.randint(0, 4),
                "threshold": rng.choice([1e-4, round(10 ** rng.uniform(-3, -1.5), 5)]),
                "cooldown": rng.choice([0, 0, rng.randint(1, 3)]),
                "min_lr": rng.choice([0.0, base_lr * rng.choice([1e-3, 0.03])]),
            }
            case = _case(_random_losses(rng, rng.randint(15, 40)), base_lr, "random", **options)
            if _robust(case):
                break
        cases.append(case)
    return cases


def expected(cases: list[Case]) -> list[list[float]]:
    def lrs(losses, **params):
        return list(plateau_trace(tuple(losses), **params)[1:])  # [0]: before the first call

    return [lrs(**bind(reduce_on_plateau, case)) for case in cases]


def _losses_text(losses) -> str:
    """[1.0, 0.9] + [0.95] * 10: runs of 3 or more equal losses shortened, valid Python."""
    parts, singles, i = [], [], 0
    while i < len(losses):
        j = i
        while j < len(losses) and losses[j] == losses[i]:
            j += 1
        if j - i >= 3:
            if singles:
                parts.append(f"[{', '.join(singles)}]")
                singles = []
            parts.append(f"[{losses[i]!r}] * {j - i}")
        else:
            singles += [repr(x) for x in losses[i:j]]
        i = j
    if singles or not parts:
        parts.append(f"[{', '.join(singles)}]")
    return " + ".join(parts)


def describe(case: Case) -> str:
    losses, base_lr = case.args
    options = "".join(f", {k}={v!r}" for k, v in case.kwargs.items())
    text = f"reduce_on_plateau(losses={_losses_text(losses)}, base_lr={base_lr!r}{options})"
    return f"{text}  [{case.label}]" if case.label else text


def _relative(current, best, threshold):
    return current < best * (1 - threshold)


def _max_floor(lr, factor, min_lr):
    return max(lr * factor, min_lr)


def _wrong(losses, base_lr, factor=0.1, patience=10, threshold=1e-4, cooldown=0, min_lr=0.0, *,
           better=_relative, count_bad=1, update_best=True, reset_on_better=True,
           best_follows_loss=False, use_cooldown=True, cooldown_ends=0, countdown=1,
           cooldown_first=False, cut_after=lambda p: p + 1,
           new_lr=_max_floor, eps=1e-8, reset_after_cut=True, start_cooldown=True,
           lr_before=False, append=True):
    """ReduceLROnPlateau with one part swapped for a known wrong one."""
    lr, best, bad, cooling, lrs = base_lr, math.inf, 0, 0, []
    for loss in losses:
        lr_in = lr
        for part in ["cool", "compare", "cut"] if cooldown_first else ["compare", "cool", "cut"]:
            if part == "compare" and better(loss, best, threshold):
                best = loss if update_best else best
                bad = 0 if reset_on_better else bad
            elif part == "compare":
                bad += count_bad
                best = loss if best_follows_loss else best
            elif part == "cool" and use_cooldown and cooling > cooldown_ends:
                cooling -= countdown
                bad = 0
            elif part == "cut" and bad >= cut_after(patience):
                new = new_lr(lr, factor, min_lr)
                if eps is None or lr - new > eps:
                    lr = new
                cooling = cooldown if start_cooldown else cooling
                bad = 0 if reset_after_cut else bad
        if append:
            lrs.append(lr_in if lr_before else lr)
    return lrs


def reduce_on_plateau(losses, base_lr, factor=0.1, patience=10, threshold=1e-4, cooldown=0,
                      min_lr=0.0) -> list[float]:
    """The lr after each step(loss) of ReduceLROnPlateau(mode='min', threshold_mode='rel')."""
    lr, best = base_lr, math.inf
    num_bad, cooldown_left = 0, 0
    lrs = []
    for loss in losses:
        if loss < best * (1 - threshold):  # better by more than threshold, relative to best
            best, num_bad = loss, 0
        else:
            num_bad += 1
        if cooldown_left > 0:  # right after a cut, bad calls are not counted
            cooldown_left -= 1
            num_bad = 0
        if num_bad > patience:
            new_lr = max(lr * factor, min_lr)
            if lr - new_lr > 1e-8:  # torch's eps: ignore negligible cuts
                lr = new_lr
            cooldown_left, num_bad = cooldown, 0
        lrs.append(lr)
    return lrs


MISTAKES = (
    Mistake.variant("cuts_one_call_early", "you cut when the bad-call count reaches patience; "
                    "torch cuts when it exceeds it (num_bad > patience), so a constant loss with "
                    "patience=10 is cut on call 12, not 11.", _wrong, cut_after=lambda p: p),
    Mistake.variant("cuts_one_call_late", "you cut one call late: torch cuts as soon as the "
                    "bad-call count exceeds patience (num_bad > patience), so a constant loss with "
                    "patience=10 is cut on call 12, not 13.", _wrong, cut_after=lambda p: p + 2),
    Mistake.variant("absolute_threshold", "your threshold is absolute (loss < best - threshold); "
                    "torch's default threshold_mode='rel' needs loss < best * (1 - threshold).",
                    _wrong, better=lambda current, best, threshold: current < best - threshold),
    Mistake.variant("ignores_threshold", "any decrease counts as an improvement in your code; "
                    "torch needs loss < best * (1 - threshold), so tiny improvements are still a "
                    "plateau.", _wrong, better=lambda current, best, threshold: current < best),
    Mistake.variant("improvement_not_strict", "a loss equal to best * (1 - threshold) counts as "
                    "an improvement in your code; torch's test is strict, loss < best * (1 - "
                    "threshold), so with threshold=0 a repeated loss is a bad call.",
                    _wrong, better=lambda loss, best, threshold: loss <= best * (1 - threshold)),
    Mistake.variant("never_cuts", "your lr never changes. Check that a call that does not "
                    "improve on best adds 1 to the bad-call count, that an improvement sets best = "
                    "loss, and that you cut (lr = max(lr * factor, min_lr)) once the count exceeds "
                    "patience.",
                    _wrong, count_bad=0),
    Mistake.variant("ignores_cooldown", "you ignore cooldown: after a cut, torch waits `cooldown` "
                    "calls (resetting the bad-call count on each) before counting bad calls again.",
                    _wrong, use_cooldown=False),
    Mistake.variant("cooldown_never_ends", "your cooldown never counts down, so after the first "
                    "cut no bad call ever counts again: decrement the cooldown left on each call.",
                    _wrong, countdown=0),
    Mistake.variant("cooldown_one_call_too_long", "your cooldown lasts one call too long: it "
                    "applies while cooldown calls are left (cooldown_left > 0), then stops.",
                    _wrong, cooldown_ends=-1),
    Mistake.variant("cooldown_one_call_too_short", "your cooldown ends one call early: it "
                    "applies while cooldown calls are left (cooldown_left > 0), not only while "
                    "more than one is.", _wrong, cooldown_ends=1),
    Mistake.variant("cooldown_at_the_wrong_moment", "you apply the cooldown at the wrong moment "
                    "of the call (before comparing the loss with best, or after testing for a "
                    "cut), so a bad call in cooldown still counts: the cooldown ends a call "
                    "early, and with patience=0 it never holds a cut back. Each call compares, "
                    "then, while cooldown_left > 0, decrements it and sets the bad-call count to "
                    "0, then tests for a cut.", _wrong, cooldown_first=True),
    Mistake.variant("no_min_lr_floor", "your lr goes below min_lr: the new lr is max(lr * factor, "
                    "min_lr).", _wrong, new_lr=lambda lr, factor, min_lr: lr * factor,
                    eps=None),  # torch's eps test sits on the same line as the floor: both go
    Mistake.variant("min_instead_of_max", "min(lr * factor, min_lr) jumps straight to min_lr (and "
                    "keeps cutting below it): the floor is max(lr * factor, min_lr).",
                    _wrong, new_lr=lambda lr, factor, min_lr: min(lr * factor, min_lr)),
    Mistake.variant("cut_straight_to_min_lr", "a cut sets your lr to min_lr; torch multiplies by "
                    "factor and only stops at min_lr: max(lr * factor, min_lr).",
                    _wrong, new_lr=lambda lr, factor, min_lr: min_lr),
    Mistake.variant("min_lr_skips_cut", "when lr * factor would go below min_lr you skip the cut; "
                    "torch still cuts, down to min_lr: max(lr * factor, min_lr).", _wrong,
                    new_lr=lambda lr, factor, min_lr: lr * factor if lr * factor >= min_lr else lr),
    Mistake.variant("bad_count_not_reset_after_cut", "after a cut, torch resets the bad-call count "
                    "to 0; you keep counting, so (without a cooldown) every following bad call "
                    "cuts again.",
                    _wrong, reset_after_cut=False),
    Mistake.variant("nothing_reset_after_cut", "after a cut, torch resets the bad-call count to 0 "
                    "and starts the cooldown; you do neither, so every following bad call cuts "
                    "again.", _wrong, reset_after_cut=False, start_cooldown=False),
    Mistake.variant("bad_count_not_reset_on_improvement", "an improvement must reset the bad-call "
                    "count to 0: patience counts CONSECUTIVE calls without improvement.",
                    _wrong, reset_on_better=False),
    Mistake.variant("best_updated_on_every_call", "you update best on every call, so you compare "
                    "with the previous loss; best is the lowest loss so far (only an improvement "
                    "updates it).", _wrong, best_follows_loss=True),
    Mistake.variant("lr_before_step", "your list holds the lr before each call; the exercise wants "
                    "the lr after each step(loss), so a cut shows up on the call that made it.",
                    _wrong, lr_before=True),
    Mistake.variant("forgot_append", "your list stays empty: append the lr to it at the end of "
                    "every call (one lr per step(loss)).", _wrong, append=False),
    Mistake.ignores(reduce_on_plateau, "factor"),
    Mistake.ignores(reduce_on_plateau, "patience"),
    Mistake.ignores(reduce_on_plateau, "threshold"),
)

HINTS = (
    "Keep three numbers between calls: the best loss so far (start at infinity), how many "
    "calls in a row failed to improve on it, and how many cooldown calls are left. Append "
    "the lr to your list at the end of every call.",
    "A call improves when loss < best * (1 - threshold): then best = loss and the count "
    "goes back to 0; otherwise the count grows by 1. While cooldown is left, decrement it "
    "and set the count to 0.",
    "Cut when the count EXCEEDS patience (count > patience): lr = max(lr * factor, "
    "min_lr), then count = 0 and cooldown left = cooldown. A constant loss with the "
    "defaults is cut on call 12. Like torch, skip the cut when lr - new_lr <= 1e-8 (its eps).",
)

EXERCISE = Exercise(solution=reduce_on_plateau, notebook="05_reduce_on_plateau",
                    reference=schedules.reduce_on_plateau, edge_cases=edge_cases,
                    random_cases=random_cases, expected=expected, mistakes=MISTAKES, hints=HINTS,
                    returns=PER_CALL, describe_case=describe)
