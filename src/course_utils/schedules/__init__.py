"""Reference learning-rate schedules in closed form, each validated against torch's own.

decay: the schedules that only go down; one_cycle: OneCycleLR's lr and momentum; plateau:
ReduceLROnPlateau; warmup: linear warmup then cosine, also as a torch scheduler; restarts: the
schedules that go back up (warm restarts, CyclicLR, transformers' hard restarts); factors:
LambdaLR, MultiplicativeLR, ConstantLR, SWALR; composing: SequentialLR, ChainedScheduler; llm:
Noam, transformers' warmup schedules and warmup-stable-decay; range_test: the LR range test's
sweeps and loss smoothing.
"""

from course_utils.schedules.composing import (
    Child,
    chained_lr,
    chained_scheduler,
    child_lr,
    sequential_lr,
    sequential_scheduler,
    sequential_warmup_cosine_lr,
)
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
from course_utils.schedules.factors import (
    ConstantFactor,
    WarmupLinearDecay,
    constant_lr,
    lambda_lr,
    multiplicative_lr,
    swalr_lr,
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
from course_utils.schedules.restarts import (
    cosine_hard_restarts_lr,
    cycle_end,
    cyclic_lr,
    cyclic_momentum,
    get_cosine_hard_restarts_scheduler,
    last_cycle_end,
    restart_steps,
    warm_restarts_lr,
)
from course_utils.schedules.warmup import (
    get_warmup_cosine_scheduler,
    warmup_cosine_factor,
    warmup_cosine_schedule,
)

__all__ = [
    "Child",
    "ConstantFactor",
    "WarmupLinearDecay",
    "chained_lr",
    "chained_scheduler",
    "child_lr",
    "constant_lr",
    "cosine_annealing_lr",
    "cosine_hard_restarts_lr",
    "cosine_lr",
    "cosine_warm_restarts_lr",
    "cosine_with_warmup_lr",
    "cycle_end",
    "cyclic_lr",
    "cyclic_momentum",
    "exponential_lr",
    "fastai_lr",
    "get_cosine_hard_restarts_scheduler",
    "get_warmup_cosine_scheduler",
    "inverse_sqrt_lr",
    "lambda_lr",
    "last_cycle_end",
    "linear_lr",
    "linear_range_test_lr",
    "linear_with_warmup_lr",
    "lr_finder_smoothed",
    "multiplicative_lr",
    "multistep_lr",
    "noam_lr",
    "noam_peak",
    "one_cycle_lr",
    "one_cycle_momentum",
    "polynomial_lr",
    "range_test_gamma",
    "range_test_lr",
    "reduce_on_plateau",
    "restart_steps",
    "sequential_lr",
    "sequential_scheduler",
    "sequential_warmup_cosine_lr",
    "smoothed_losses",
    "step_lr",
    "steps_per_decade",
    "swalr_lr",
    "warm_restarts_lr",
    "warmup_cosine_factor",
    "warmup_cosine_schedule",
    "wsd_lr",
    "wsd_schedule_lr",
]
