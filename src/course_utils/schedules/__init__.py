"""Reference learning-rate schedules in closed form, each validated against torch's own.

decay: the schedules that only go down; one_cycle: OneCycleLR's lr and momentum; plateau:
ReduceLROnPlateau; warmup: linear warmup then cosine, also as a torch scheduler; restarts: the
schedules that go back up (warm restarts, CyclicLR, transformers' hard restarts).
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
from course_utils.schedules.one_cycle import one_cycle_lr, one_cycle_momentum
from course_utils.schedules.plateau import reduce_on_plateau
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
    "cosine_annealing_lr",
    "cosine_hard_restarts_lr",
    "cosine_lr",
    "cosine_warm_restarts_lr",
    "cycle_end",
    "cyclic_lr",
    "cyclic_momentum",
    "exponential_lr",
    "get_cosine_hard_restarts_scheduler",
    "get_warmup_cosine_scheduler",
    "last_cycle_end",
    "linear_lr",
    "multistep_lr",
    "one_cycle_lr",
    "one_cycle_momentum",
    "polynomial_lr",
    "reduce_on_plateau",
    "restart_steps",
    "step_lr",
    "warm_restarts_lr",
    "warmup_cosine_factor",
    "warmup_cosine_schedule",
]
