"""Reference learning-rate schedules in closed form, each validated against torch's own.

decay: the schedules that only go down; one_cycle: OneCycleLR's lr and momentum; plateau:
ReduceLROnPlateau; warmup: linear warmup then cosine, also as a torch scheduler; factors:
LambdaLR, MultiplicativeLR, ConstantLR, SWALR; composing: SequentialLR, ChainedScheduler.
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
from course_utils.schedules.one_cycle import one_cycle_lr, one_cycle_momentum
from course_utils.schedules.plateau import reduce_on_plateau
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
    "cosine_lr",
    "cosine_warm_restarts_lr",
    "exponential_lr",
    "get_warmup_cosine_scheduler",
    "lambda_lr",
    "linear_lr",
    "multiplicative_lr",
    "multistep_lr",
    "one_cycle_lr",
    "one_cycle_momentum",
    "polynomial_lr",
    "reduce_on_plateau",
    "sequential_lr",
    "sequential_scheduler",
    "sequential_warmup_cosine_lr",
    "step_lr",
    "swalr_lr",
    "warmup_cosine_factor",
    "warmup_cosine_schedule",
]
