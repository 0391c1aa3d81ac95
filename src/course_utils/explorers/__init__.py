"""Slider explorers: torch's lr curve next to the learner's, redrawn in place as a PNG.

canvas: the reused figure, blitted and encoded; widget: ScheduleExplorer (sliders, update,
notes) and the learner's curve; schedulers: one explorer per scheduler.
"""

from course_utils.explorers.canvas import BlitCanvas
from course_utils.explorers.schedulers import (
    cosine_explorer,
    exponential_explorer,
    multistep_explorer,
    one_cycle_explorer,
    parse_milestones,
    plateau_explorer,
    plateau_losses,
    step_explorer,
    warmup_cosine_explorer,
)
from course_utils.explorers.widget import (
    LearnerCurve,
    ScheduleExplorer,
    float_slider,
    int_slider,
    learner_curve,
    log_slider,
    text_box,
)

__all__ = [
    "BlitCanvas",
    "LearnerCurve",
    "ScheduleExplorer",
    "cosine_explorer",
    "exponential_explorer",
    "float_slider",
    "int_slider",
    "learner_curve",
    "log_slider",
    "multistep_explorer",
    "one_cycle_explorer",
    "parse_milestones",
    "plateau_explorer",
    "plateau_losses",
    "step_explorer",
    "text_box",
    "warmup_cosine_explorer",
]
