"""Slips in warmup-stable-decay beyond the main ones in wsd.py: a phase one step off or left
out, the warmup line or the decay's progress written wrong, a decay shape that never decays,
the cosine slips of cosine_slips.py.

wsd.py's template `_variant` takes PARTS' keys as swappable parts; each slip swaps one.
"""

from collections.abc import Callable

from course_utils.exercises.base import Mistake
from course_utils.exercises.cosine_slips import curve_mistakes

PARTS = {
    "start": lambda total, decay: total - decay,  # the first step of the decay
    "warmup": True,  # is there a warmup branch at all
    "warmup_until": lambda w: w,  # warmup while step < this
    "warmup_line": lambda s, w, hi, lo: lo + (hi - lo) * s / w,
    "stable": True,  # is there a stable branch at all
    "stable_until": lambda start: start,  # max_lr while step < this
    "clamp_from": lambda total: total,  # min_lr from this step on
    "progress": lambda s, start, d: (s - start) / d,
    "curve": None,  # the cosine decay's curve(max_lr, floor, progress), None: the right one
}
WARMUP = "min_lr + (max_lr - min_lr) · step / warmup_steps"
PROGRESS = "progress = (step - decay_start) / decay_steps, with decay_start = total_steps - " \
    "decay_steps"


def wsd_slips(template: Callable, right_shape: Callable) -> tuple[Mistake, ...]:
    """The slips as mistakes of `template` (wsd.py's _variant); right_shape(kind, progress) is
    the right decay shape."""

    def only_for(kind: str, wrong: Callable) -> Callable:  # a shape wrong for one kind only
        return lambda decay_type, p: wrong(p) if decay_type == kind else right_shape(decay_type, p)

    def slip(key: str, message: str, **swaps) -> Mistake:
        return Mistake.variant(key, message, template, **swaps)

    return (
        slip("decay_never_happens", f"your lr stays at max_lr until total_steps, then drops to "
             f"min_lr: the decay never happens. {PROGRESS} (/, not //), and the lr is min_lr + "
             f"(max_lr - min_lr) · shape(progress).", start=lambda total, decay: total),
        slip("decay_start_reversed", "decay_start is total_steps - decay_steps, not decay_steps "
             "- total_steps.", start=lambda total, decay: decay - total),
        slip("decay_starts_late", "off by one: the decay starts at total_steps - decay_steps, "
             "one step earlier than yours.", start=lambda total, decay: total - decay + 1),
        slip("decay_starts_early", f"off by one: your decay runs one step ahead. It starts at "
             f"total_steps - decay_steps, and {PROGRESS} is 0 there (not (step + 1 - "
             f"decay_start)).", start=lambda total, decay: total - decay - 1),
        slip("no_warmup", f"your schedule has no warmup: for step < warmup_steps the lr is "
             f"{WARMUP} (check the warmup first).", warmup=False),
        slip("warmup_one_step_long", "off by one: the warmup is step < warmup_steps; at "
             "warmup_steps itself the lr is max_lr (the stable phase).",
             warmup_until=lambda w: w + 1),
        slip("warmup_one_step_short", "off by one: the warmup runs while step < warmup_steps, so "
             "step warmup_steps - 1 is still just below max_lr.", warmup_until=lambda w: w - 1),
        slip("warmup_forgot_offset", f"your warmup starts at 0 and ends below max_lr: add "
             f"min_lr, {WARMUP}.", warmup_line=lambda s, w, hi, lo: (hi - lo) * s / w),
        slip("warmup_not_normalised", f"divide by warmup_steps: {WARMUP}.",
             warmup_line=lambda s, w, hi, lo: lo + (hi - lo) * s),
        slip("warmup_denominator_plus_one", f"off by one: the warmup divides by warmup_steps, "
             f"not warmup_steps + 1: {WARMUP}.",
             warmup_line=lambda s, w, hi, lo: lo + (hi - lo) * s / (w + 1)),
        slip("warmup_denominator_minus_one", f"off by one: the warmup divides by warmup_steps, "
             f"not warmup_steps - 1: {WARMUP}.",
             warmup_line=lambda s, w, hi, lo: lo + (hi - lo) * s / (w - 1)),
        slip("warmup_flat", f"your warmup does not grow with the step: {WARMUP}.",
             warmup_line=lambda s, w, hi, lo: lo + (hi - lo) / w),
        slip("warmup_step_plus_one", f"the warmup is {WARMUP}, 0 steps in at step 0 (as "
             f"transformers), not (step + 1) / warmup_steps.",
             warmup_line=lambda s, w, hi, lo: lo + (hi - lo) * (s + 1) / w),
        slip("warmup_step_minus_one", f"off by one: the warmup is {WARMUP}, not (step - 1).",
             warmup_line=lambda s, w, hi, lo: lo + (hi - lo) * (s - 1) / w),
        slip("warmup_amplitude_reversed", f"your warmup goes down: {WARMUP} (max_lr - min_lr, "
             f"not min_lr - max_lr).", warmup_line=lambda s, w, hi, lo: lo + (lo - hi) * s / w),
        slip("warmup_floor_added", f"the warmup interpolates between min_lr and max_lr: "
             f"{WARMUP}; min_lr + max_lr · step / warmup_steps overshoots max_lr.",
             warmup_line=lambda s, w, hi, lo: lo + hi * s / w),
        slip("no_stable_phase", "after the warmup the lr stays at max_lr until decay_start = "
             "total_steps - decay_steps; yours goes straight into the decay formula.",
             stable=False),
        slip("stable_ends_early", "off by one: the lr is max_lr while step < decay_start, and the "
             "decay's progress is 0 at decay_start itself.", stable_until=lambda start: start - 1),
        slip("clamp_one_step_early", "you return min_lr from total_steps - 1 on; the last decay "
             "step, total_steps - 1, is still just above min_lr.", clamp_from=lambda n: n - 1),
        slip("progress_not_normalised", f"progress must run from 0 to 1: {PROGRESS}.",
             progress=lambda s, start, d: s - start),
        slip("decay_one_step_long", f"off by one: {PROGRESS}, not decay_steps + 1; it reaches 1 at "
             f"total_steps.", progress=lambda s, start, d: (s - start) / (d + 1)),
        slip("progress_reversed", f"{PROGRESS} (step - decay_start, not decay_start - step).",
             progress=lambda s, start, d: (start - s) / d),
        slip("progress_from_step_zero", f"the decay's progress counts from decay_start, not from "
             f"step 0: {PROGRESS}.", progress=lambda s, start, d: s / d),
        slip("progress_one_step_behind", f"off by one: {PROGRESS}; it is 0 at decay_start, not "
             f"one step later.", progress=lambda s, start, d: (s - 1 - start) / d),
        slip("linear_never_decays", "your linear decay stays at max_lr: its shape is 1 - "
             "progress.", shape=only_for("linear", lambda p: 1)),
        slip("one_minus_sqrt_never_decays", "your 1 − sqrt decay stays at max_lr: its shape is "
             "1 - sqrt(progress).", shape=only_for("1-sqrt", lambda p: 1)),
        slip("decay_forgot_offset", "your decay ends at 0 and starts below max_lr: add min_lr, "
             "min_lr + (max_lr - min_lr) · shape(progress).",
             combine=lambda hi, lo, f: (hi - lo) * f),
        slip("decay_amplitude_reversed", "your decay goes up: min_lr + (max_lr - min_lr) · "
             "shape(progress), not (min_lr - max_lr).",
             combine=lambda hi, lo, f: lo + (lo - hi) * f),
        *curve_mistakes(template, "max_lr", "min_lr", "progress",
                        skip=("full_period", "forgot_offset", "amplitude_reversed")),
    )
