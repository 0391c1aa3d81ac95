"""Exercise `noam_lr`: the original Transformer's schedule (Vaswani et al. 2017, §5.3).

Oracle: transformers' get_inverse_sqrt_schedule(num_warmup_steps=warmup_steps) run on the base
lr factor·(d_model·warmup_steps)^-0.5: the same curve, 0.0 at step 0.
"""

from course_utils import schedules
from course_utils.cases import Case
from course_utils.exercises.base import Exercise, Mistake
from course_utils.exercises.noam_slips import noam_slips
from course_utils.exercises.oracles import bind, lr_at
from course_utils.hf_traces import noam_trace


def _case(label, step, *args, **kwargs) -> Case:
    params = bind(noam_lr, Case((step, *args), 1.0, kwargs=kwargs))
    peak = schedules.noam_peak(params["d_model"], params["warmup_steps"], params["factor"])
    return Case((step, *args), peak, label, kwargs=kwargs)


def edge_cases() -> list[Case]:
    paper = [_case("the paper: d_model=512, warmup_steps=4000", s)
             for s in (1, 2, 1000, 3999, 4000, 4001)]
    return [
        _case("step 0: the formula divides by zero; transformers gives 0.0", 0),
        *paper,
        _case("d_model=1024, warmup_steps=50: the peak", 50, 1024, 50),
        _case("after the peak", 51, 1024, 50),
        _case("factor=2 doubles every lr", 200, 1024, 50, 2.0),
        _case("warmup_steps=1: decay from step 1", 1, 256, 1),
        _case("warmup_steps=1", 9, 256, 1),
        _case("keywords", 300, d_model=64, warmup_steps=100, factor=0.5),
    ]


def random_cases(rng) -> list[Case]:
    cases = []
    for _ in range(3):
        d_model = rng.choice([64, 128, 256, 512, 768, 1024, 2048])
        warmup = rng.randint(2, 500)
        factor = rng.choice([1.0, 2.0, round(rng.uniform(0.2, 5), 2)])
        steps = {1, warmup - 1, warmup, warmup + 1, rng.randint(warmup, 3 * warmup)}
        steps |= {rng.randint(1, warmup) for _ in range(3)}
        cases += [_case("random", s, d_model, warmup, factor) for s in sorted(steps)]
    return cases


def expected(cases: list[Case]) -> list[float]:
    return lr_at(cases, noam_lr, noam_trace, "step")


def noam_lr(step, d_model=512, warmup_steps=4000, factor=1.0) -> float:
    """Linear warmup to the peak at warmup_steps, then decay as 1/sqrt(step); 0.0 at step 0."""
    if step == 0:
        return 0.0
    return factor * d_model ** -0.5 * min(step ** -0.5, step * warmup_steps ** -1.5)


def _variant(step, d_model=512, warmup_steps=4000, factor=1.0, *,
             scale=lambda d, w: d ** -0.5, warmup=lambda s, w: s * w ** -1.5,
             decay=lambda s: s ** -0.5, pick=min):
    """noam_lr with one part swapped for a known wrong one."""
    if step == 0:
        return 0.0
    return factor * scale(d_model, warmup_steps) * pick(decay(step), warmup(step, warmup_steps))


def _peak_one(step, d_model=512, warmup_steps=4000, factor=1.0):
    if step == 0:
        return 0.0
    return factor * min(step / warmup_steps, (warmup_steps / step) ** 0.5)


def _step_one_at_zero(step, d_model=512, warmup_steps=4000, factor=1.0):
    return _variant(max(step, 1), d_model, warmup_steps, factor)


def _no_guard(step, d_model=512, warmup_steps=4000, factor=1.0):
    return factor * d_model ** -0.5 * min(step ** -0.5, step * warmup_steps ** -1.5)


NOAM_SLIPS = noam_slips(_variant)

MISTAKES = (
    Mistake("no_step_zero_guard", "at step 0 the formula computes 0 ** -0.5 and divides by zero: "
            "return 0.0 there (transformers' warmup factor step / W is 0 at step 0).", _no_guard),
    Mistake.variant("warmup_exponent", "the warmup branch is step · warmup_steps^-1.5 (it meets "
                    "step^-0.5 exactly at step = warmup_steps); with ^-0.5 the rise is far too "
                    "steep and the peak comes at step sqrt(warmup_steps).",
                    _variant, warmup=lambda s, w: s * w ** -0.5),
    Mistake.variant("max_not_min", "min, not max: the lr follows the smaller of the two branches "
                    "(the warmup line before the peak, 1/sqrt(step) after it); max grows forever.",
                    _variant, pick=max),
    Mistake.variant("forgot_d_model", "you left out d_model^-0.5, so every lr is sqrt(d_model) "
                    "times too large: multiply by factor · d_model ** -0.5.", _variant,
                    scale=lambda d, w: 1.0),
    Mistake("peak_one", "your curve peaks at factor, not at factor·(d_model·warmup_steps)^-0.5: "
            "that is transformers' LambdaLR factor (step / W, then sqrt(W / step)), which "
            "multiplies a base lr; Noam's scale is part of the formula.", _peak_one),
    Mistake.variant("d_model_not_sqrt", "d_model enters as d_model^-0.5 (1/sqrt), not 1/d_model.",
                    _variant, scale=lambda d, w: 1 / d),
    Mistake("step_zero_as_step_one", "the contract gives 0.0 at step 0 (as transformers); you "
            "return step 1's lr there.", _step_one_at_zero),
    *NOAM_SLIPS,
    Mistake.ignores(noam_lr, "d_model"),
    Mistake.ignores(noam_lr, "warmup_steps"),
    Mistake.ignores(noam_lr, "factor", "Multiply the whole lr by factor."),
)

HINTS = (
    "Two branches, take the smaller: the warmup line step · warmup_steps^-1.5 and the decay "
    "step^-0.5. They cross at step = warmup_steps, which is the peak.",
    "Multiply by factor · d_model^-0.5. Step 0 needs its own branch: 0 ** -0.5 raises "
    "ZeroDivisionError in Python, and the contract says 0.0.",
    "Check: d_model=512, warmup_steps=4000 peaks at step 4000 with (512·4000)^-0.5 ≈ 6.99e-4.",
)

EXERCISE = Exercise(solution=noam_lr, notebook="12_transformer_and_llm_schedules",
                    reference=schedules.noam_lr, edge_cases=edge_cases,
                    random_cases=random_cases, expected=expected, mistakes=MISTAKES, hints=HINTS,
                    oracle="transformers")
