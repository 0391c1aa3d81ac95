"""Reference learning-rate schedules in closed form, each validated against torch's own.

decay: the schedules that only go down; one_cycle: OneCycleLR's lr and momentum; plateau:
ReduceLROnPlateau; warmup: linear warmup then cosine, also as a torch scheduler; llm: Noam,
transformers' warmup schedules and warmup-stable-decay; range_test: the LR range test's sweeps
and loss smoothing.
"""

from course_utils.schedules.decay import (
    cosine_annealing_lr,
    cosine_lr,
    cosine_warm_restarts_lr,
    exponential_lr,
    linear_lr,
    multistep_lr,
    polynomial_lr,
    step_lr,
)
from course_utils.schedules.llm import (
    cosine_with_warmup_lr,
    inverse_sqrt_lr,
    linear_with_warmup_lr,
    noam_lr,
    noam_peak,
    wsd_lr,
    wsd_schedule_lr,
)
from course_utils.schedules.one_cycle import one_cycle_lr, one_cycle_momentum
from course_utils.schedules.plateau import reduce_on_plateau
from course_utils.schedules.range_test import (
    fastai_lr,
    linear_range_test_lr,
    lr_finder_smoothed,
    range_test_gamma,
    range_test_lr,
    smoothed_losses,
    steps_per_decade,
)
from course_utils.schedules.warmup import (
    get_warmup_cosine_scheduler,
    warmup_cosine_factor,
    warmup_cosine_schedule,
)

__all__ = [
    "cosine_annealing_lr",
    "cosine_lr",
    "cosine_warm_restarts_lr",
    "cosine_with_warmup_lr",
    "exponential_lr",
    "fastai_lr",
    "get_warmup_cosine_scheduler",
    "inverse_sqrt_lr",
    "linear_lr",
    "linear_range_test_lr",
    "linear_with_warmup_lr",
    "lr_finder_smoothed",
    "multistep_lr",
    "noam_lr",
    "noam_peak",
    "one_cycle_lr",
    "one_cycle_momentum",
    "polynomial_lr",
    "range_test_gamma",
    "range_test_lr",
    "reduce_on_plateau",
    "smoothed_losses",
    "step_lr",
    "steps_per_decade",
    "warmup_cosine_factor",
    "warmup_cosine_schedule",
    "wsd_lr",
    "wsd_schedule_lr",
]
