"""Slips in the Noam formula factor · d_model^-0.5 · min(step^-0.5, step · W^-1.5), beyond the
main ones in noam.py: a branch left out, an exponent's sign or size, `*` for `**`, off-by-ones.

Each is a Mistake.variant of noam.py's template `_variant`, which takes scale(d_model, W),
warmup(step, W), decay(step) and pick (min) as its swappable parts.
"""

from collections.abc import Callable

from course_utils.exercises.base import Mistake

NOAM = "factor · d_model^-0.5 · min(step^-0.5, step · warmup_steps^-1.5)"


def noam_slips(template: Callable) -> tuple[Mistake, ...]:
    """The slips as mistakes of `template` (noam.py's _variant)."""

    def slip(key: str, message: str, **swaps) -> Mistake:
        return Mistake.variant(key, message, template, **swaps)

    return (
        slip("no_warmup_branch", f"your lr is the decay step^-0.5 from step 1: it starts at its "
             f"highest and only falls (the warmup branch is missing, or so large that min never "
             f"picks it: warmup_steps^-1.5, not ^+1.5). It rises to the peak first: {NOAM}.",
             pick=lambda decay, warmup: decay),
        slip("no_decay_branch", "your lr keeps rising on the warmup line step · warmup_steps^-1.5 "
             "forever: after warmup_steps the schedule decays as step^-0.5; take the min of the "
             "two.", pick=lambda decay, warmup: warmup),
        slip("d_model_sqrt_multiplied", "d_model^+0.5 multiplies by sqrt(d_model); the scale is "
             "d_model^-0.5 (1/sqrt(d_model)): wider models get a smaller lr.",
             scale=lambda d, w: d ** 0.5),
        slip("d_model_squared", "d_model enters as d_model^-0.5, not d_model^-2.",
             scale=lambda d, w: d ** -2.0),
        slip("d_model_times_exponent", "d_model * -0.5 multiplies by -0.5; the power is "
             "d_model ** -0.5 (two stars).", scale=lambda d, w: d * -0.5),
        slip("d_model_plus_one", "d_model is used as it is, d_model^-0.5; not d_model + 1.",
             scale=lambda d, w: (d + 1) ** -0.5),
        slip("d_model_minus_one", "d_model is used as it is, d_model^-0.5; not d_model - 1.",
             scale=lambda d, w: (d - 1) ** -0.5),
        slip("decay_exponent_sign", "the decay is step^-0.5 (1/sqrt(step)); step^+0.5 grows.",
             decay=lambda s: s ** 0.5),
        slip("decay_inverse_step", "the decay is 1/sqrt(step) (step^-0.5), not 1/step: the "
             "inverse *square root* schedule.", decay=lambda s: s ** -1.0),
        slip("decay_inverse_square", "the decay is step^-0.5, not step^-2.",
             decay=lambda s: s ** -2.0),
        slip("decay_times_exponent", "step * -0.5 multiplies by -0.5; the decay is the power "
             "step ** -0.5 (two stars).", decay=lambda s: s * -0.5),
        slip("decay_step_plus_one", "off by one in the decay: it is step^-0.5 at the step "
             "itself, not (step + 1)^-0.5 (the branches must meet at step = warmup_steps).",
             decay=lambda s: (s + 1) ** -0.5),
        slip("decay_step_minus_one", "off by one in the decay: it is step^-0.5, not "
             "(step - 1)^-0.5.", decay=lambda s: (s - 1) ** -0.5),
        slip("warmup_divides_by_w", "the warmup line is step · warmup_steps^-1.5, not step / "
             "warmup_steps: that is transformers' factor, before the scale (d_model · W)^-0.5 "
             "that makes the two branches meet.", warmup=lambda s, w: s * w ** -1.0),
        slip("warmup_exponent_two", "the warmup line is step · warmup_steps^-1.5, not "
             "step · warmup_steps^-2.", warmup=lambda s, w: s * w ** -2.0),
        slip("warmup_times_exponent", "warmup_steps * -1.5 multiplies by -1.5; the warmup line "
             "is step · warmup_steps ** -1.5 (two stars).", warmup=lambda s, w: s * (w * -1.5)),
        slip("warmup_flat", "your warmup branch does not grow with the step: it is step · "
             "warmup_steps^-1.5.", warmup=lambda s, w: w ** -1.5),
        slip("warmup_step_plus_one", "off by one in the warmup: the line is step · "
             "warmup_steps^-1.5, not (step + 1) · warmup_steps^-1.5.",
             warmup=lambda s, w: (s + 1) * w ** -1.5),
        slip("warmup_step_minus_one", "off by one in the warmup: the line is step · "
             "warmup_steps^-1.5, not (step - 1) · warmup_steps^-1.5.",
             warmup=lambda s, w: (s - 1) * w ** -1.5),
        slip("warmup_w_plus_one", "off by one: the warmup line uses warmup_steps itself, "
             "step · warmup_steps^-1.5, not warmup_steps + 1.",
             warmup=lambda s, w: s * (w + 1) ** -1.5),
        slip("warmup_w_minus_one", "off by one: the warmup line uses warmup_steps itself, "
             "step · warmup_steps^-1.5, not warmup_steps - 1.",
             warmup=lambda s, w: s * (w - 1) ** -1.5),
    )
