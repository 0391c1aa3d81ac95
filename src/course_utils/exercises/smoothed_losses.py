"""Exercise `smoothed_losses`: fastai's bias-corrected exponential moving average of the losses.

Oracle: the closed form, computed with torch in float64: the smoothed loss at index i is the
weighted mean of losses 0..i with weights beta ** (i - j), which is what the recursion
avg_i = beta * avg_{i-1} + (1 - beta) * loss_i (avg_{-1} = 0) divided by 1 - beta ** (i + 1)
gives (fastai's AvgSmoothLoss). Tolerance relative to the size of the losses.
"""

from dataclasses import dataclass

from course_utils import schedules
from course_utils.cases import Case
from course_utils.exercises.answer_kinds import PerCall, _is_number
from course_utils.exercises.base import Exercise, Mistake
from course_utils.exercises.oracles import bind
from course_utils.verdict import Mismatch, close


@dataclass(frozen=True)
class PerLoss(PerCall):
    """A list with one smoothed loss per loss."""

    def mismatch(self, case, expected, got):
        if not isinstance(got, list) or len(got) != len(expected):
            n_got = len(got) if isinstance(got, list) else f"a {type(got).__name__}"
            return Mismatch("the number of smoothed losses (one per loss)", len(expected), n_got)
        for i, (e, v) in enumerate(zip(expected, got, strict=True)):
            if not _is_number(v) or not close(e, v, case.scale):
                return Mismatch(f"smoothed loss [{i}]", e, v)
        return None


PER_LOSS = PerLoss()


def _case(losses, *beta, label="") -> Case:
    losses = list(losses)
    scale = max([abs(x) for x in losses], default=1.0) or 1.0
    return Case((losses, *beta), scale, label)


def edge_cases() -> list[Case]:
    curve = [2.30, 2.29, 2.31, 2.28, 2.2, 2.05, 1.7, 1.2, 0.8, 0.55, 0.6, 1.9, 9.5, 30.0]
    return [
        _case([], label="no losses: an empty list"),
        _case([2.3], label="one loss: the bias correction gives it back as is"),
        _case([2.0] * 6, label="a constant loss stays constant (what the correction is for)"),
        _case([2.0] * 6, 0.5, label="a constant loss, beta = 0.5"),
        _case([1.0, 3.0, 2.0], 0.0, label="beta = 0: no smoothing, the losses themselves"),
        _case([1.0, 3.0, 2.0, 4.0], 0.5, label="beta = 0.5: weights 1, 1/2, 1/4, ..."),
        _case([4.0, 0.0, 0.0, 0.0], 0.9, label="one early loss, then zeros: how fast it fades"),
        _case(curve, label="a range-test curve: flat, a dip, a blow-up (default beta 0.98)"),
        _case(curve, 0.9, label="the same curve, beta = 0.9"),
        _case([3, 1, 2], 0.8, label="integer losses"),
        _case([-1.0, -2.0, -1.5], 0.7, label="negative losses (a log-likelihood) average too"),
    ]


def random_cases(rng) -> list[Case]:
    cases = []
    for _ in range(3):
        n = rng.randint(5, 120)
        loss, losses = rng.uniform(0.5, 3.0), []
        for _ in range(n):
            loss = max(1e-3, loss * rng.uniform(0.85, 1.15))
            losses.append(round(loss, 4))
        beta = rng.choice([0.98, 0.9, round(rng.uniform(0.5, 0.995), 3)])
        cases.append(_case(losses, beta, label="random"))
    return cases


def weighted_means(losses, beta=0.98) -> list[float]:
    """The closed form, with torch: sum_j beta**(i-j) loss_j / sum_j beta**(i-j), j <= i."""
    import torch

    values = torch.tensor([float(x) for x in losses], dtype=torch.float64)
    n = len(values)
    if n == 0:
        return []
    lag = torch.arange(n, dtype=torch.float64)
    lag = lag[:, None] - lag[None, :]  # i - j
    weights = torch.where(lag >= 0, torch.tensor(beta, dtype=torch.float64) ** lag.clamp(min=0),
                          torch.zeros((), dtype=torch.float64))
    return (weights @ values / weights.sum(dim=1)).tolist()


def expected(cases: list[Case]) -> list[list[float]]:
    return [weighted_means(**bind(smoothed_losses, case)) for case in cases]


def _describe(case: Case) -> str:
    losses, *beta = case.args
    shown = losses if len(losses) <= 8 else [*losses[:6], "...", losses[-1]]
    text = ", ".join(str(x) for x in shown)
    more = f", beta={beta[0]!r}" if beta else ""
    size = f" ({len(losses)} losses)" if len(losses) > 8 else ""
    call = f"smoothed_losses(losses=[{text}]{more}){size}"
    return f"{call}  [{case.label}]" if case.label else call


def _wrong(losses, beta=0.98, *, start=0.0, past=lambda b: b,
           new=lambda b, loss: (1 - b) * loss, correction=lambda b, count: 1 - b**count,
           shift=0, correct=True, feed_back=False, fixed_beta=None, update=True, lagged=False):
    """smoothed_losses with one part swapped for a known wrong one (start=None: the average
    starts at the first loss)."""
    beta = beta if fixed_beta is None else fixed_beta
    average, out = start, []
    for i, loss in enumerate(losses):
        previous = average
        if update:
            first = i == 0 and start is None
            average = loss if first else past(beta) * average + new(beta, loss)
        shown = previous if lagged else average
        value = shown / correction(beta, i + 1 + shift) if correct else shown
        if feed_back:
            average = value
        out.append(value)
    return out


def _nothing(losses, beta=0.98):
    return []


def smoothed_losses(losses, beta=0.98) -> list[float]:
    """fastai's smoothed loss: a moving average started at 0, divided by 1 - beta ** (i + 1)."""
    average, smoothed = 0.0, []
    for i, loss in enumerate(losses):
        average = beta * average + (1 - beta) * loss
        smoothed.append(average / (1 - beta ** (i + 1)))
    return smoothed


MISTAKES = (
    Mistake.variant("no_bias_correction", "you return the moving average itself: started at 0, "
                    "it is biased towards 0 (the first value is (1 - beta) * loss, 2 % of it "
                    "with beta = 0.98). Divide the i-th average by 1 - beta ** (i + 1).",
                    _wrong, correct=False),
    Mistake.variant("beta_on_new_loss", "beta multiplies the NEW loss in your average; it must "
                    "multiply the previous average: avg = beta * avg + (1 - beta) * loss (beta "
                    "close to 1 = heavy smoothing).", _wrong, past=lambda b: 1 - b,
                    new=lambda b, loss: b * loss),
    Mistake.variant("correction_power_off_by_one", "your bias correction uses beta ** (i + 2): "
                    "after the first loss (i = 0) the average is (1 - beta) * loss, so divide by "
                    "1 - beta ** (i + 1), i.e. by 1 - beta ** (number of losses so far).",
                    _wrong, shift=1),
    Mistake.variant("correction_power_zero", "you divide by 1 - beta ** i: at the first loss "
                    "(i = 0) that is 1 - 1 = 0. After i + 1 losses the weights add up to "
                    "1 - beta ** (i + 1): divide by that.", _wrong, shift=-1),
    Mistake.variant("correction_power_times", "you divide by 1 - beta * (i + 1): the weights of "
                    "i + 1 losses add up to 1 - beta ** (i + 1), a power of beta, not a "
                    "product.", _wrong, correction=lambda b, count: 1 - b * count),
    Mistake.variant("correction_without_count", "you divide by 1 - beta at every step: the "
                    "correction depends on how many losses were averaged, 1 - beta ** (i + 1), "
                    "and tends to 1 (no correction) as the average fills up.", _wrong,
                    correction=lambda b, count: 1 - b),
    Mistake.variant("correction_two_minus", "your correction is 2 - beta ** (i + 1): the weights "
                    "add up to 1 - beta ** (i + 1); divide by that.", _wrong,
                    correction=lambda b, count: 2 - b**count),
    Mistake.variant("correction_negative", "your correction is -beta ** (i + 1), i.e. 0 - "
                    "beta ** (i + 1): the weights add up to 1 - beta ** (i + 1); divide by "
                    "that.", _wrong, correction=lambda b, count: -(b**count)),
    Mistake.variant("corrected_value_fed_back", "you store the corrected value back into the "
                    "running average, so every step corrects again; keep the raw average for the "
                    "recursion and correct only the value you output.", _wrong, feed_back=True),
    Mistake.variant("started_at_first_loss", "you start the average at the first loss AND divide "
                    "by 1 - beta ** (i + 1): the correction is for an average started at 0. "
                    "Start at 0 (fastai), or start at the first loss with no correction "
                    "(torch-lr-finder; not this exercise).", _wrong, start=None),
    Mistake.variant("lr_finder_smoothing", "this is torch-lr-finder's smoothing: it starts at "
                    "the first loss and has no bias correction. The exercise wants fastai's: "
                    "start the average at 0 and divide the i-th one by 1 - beta ** (i + 1).",
                    _wrong, start=None, correct=False),
    Mistake.variant("average_starts_at_one", "your average starts at 1: the bias correction "
                    "1 - beta ** (i + 1) assumes it starts at 0.", _wrong, start=1.0),
    Mistake.variant("average_never_updated", "your average never moves (it stays 0): update it "
                    "with each loss, avg = beta * avg + (1 - beta) * loss, before you divide.",
                    _wrong, update=False),
    Mistake.variant("value_before_update", "each value you output uses the average BEFORE the "
                    "current loss: update the average with the loss first, then divide and "
                    "append.", _wrong, lagged=True),
    Mistake.variant("loss_left_out", "your average adds 1 - beta without the loss: it is "
                    "avg = beta * avg + (1 - beta) * loss.", _wrong,
                    new=lambda b, loss: 1 - b),
    Mistake.variant("new_loss_weight_one", "you add the whole new loss: avg = beta * avg + loss "
                    "grows towards loss / (1 - beta). Weight the new loss by 1 - beta.", _wrong,
                    new=lambda b, loss: loss),
    Mistake.variant("new_loss_weight_two_minus", "the new loss's weight is 2 - beta in your "
                    "average; it is 1 - beta, so that the weights add up to 1.", _wrong,
                    new=lambda b, loss: (2 - b) * loss),
    Mistake.variant("new_loss_weight_negative", "the new loss's weight is -beta in your average; "
                    "it is 1 - beta: avg = beta * avg + (1 - beta) * loss.", _wrong,
                    new=lambda b, loss: -b * loss),
    Mistake.variant("beta_ignored", "you always smooth with beta = 0.98: use the beta argument.",
                    _wrong, fixed_beta=0.98),
    Mistake("no_values", "your function returns no values: append one smoothed loss per loss "
            "and return the whole list.", _nothing),
)

HINTS = (
    "Keep one number between losses, the running average, starting at 0.0. Each loss moves it: "
    "avg = beta * avg + (1 - beta) * loss. Output one value per loss.",
    "Started at 0, the average is too small at first: after i + 1 losses its weights add up to "
    "1 - beta ** (i + 1), not 1. Divide by that (only the value you output, not the running "
    "average). A constant loss must come out constant.",
    "for i, loss in enumerate(losses): avg = beta * avg + (1 - beta) * loss; append "
    "avg / (1 - beta ** (i + 1)). The first value is the first loss itself.",
)

EXERCISE = Exercise(solution=smoothed_losses, notebook="14_lr_range_test",
                    reference=schedules.smoothed_losses, edge_cases=edge_cases,
                    random_cases=random_cases, expected=expected, mistakes=MISTAKES, hints=HINTS,
                    oracle="its closed form",
                    returns=PER_LOSS, describe_case=_describe)
