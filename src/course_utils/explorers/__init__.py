"""Slider explorers: torch's lr curve next to the learner's, redrawn in place as a PNG.

canvas: the reused figure, blitted and encoded; widget: ScheduleExplorer (sliders, update,
notes) and the learner's curve; schedulers: one explorer per scheduler; restarts: the
schedules that go back up (warm restarts, CyclicLR); composing: warmup and cosine handed over
(SequentialLR) or multiplied (ChainedScheduler); llm: Noam and warmup-stable-decay, drawn by
transformers; param_groups: layer-wise lr decay over depth; range_test: the LR range test's loss
curve and its suggestion.
"""

from course_utils.explorers import (
    canvas,
    composing,
    llm,
    param_groups,
    range_test,
    restarts,
    schedulers,
    widget,
)
from course_utils.lazy import lazy_exports as _lazy_exports

EXPORTS = {
    **dict.fromkeys(["BlitCanvas"], canvas.__name__),
    **dict.fromkeys(["LearnerCurve", "ScheduleExplorer", "float_slider", "int_slider",
                     "learner_curve", "log_slider", "text_box"], widget.__name__),
    **dict.fromkeys(["cosine_explorer", "exponential_explorer", "multistep_explorer",
                     "one_cycle_explorer", "parse_milestones", "plateau_explorer",
                     "plateau_losses", "step_explorer", "warmup_cosine_explorer"],
                    schedulers.__name__),
    **dict.fromkeys(["cyclic_explorer", "warm_restarts_explorer"], restarts.__name__),
    **dict.fromkeys(["composition_explorer"], composing.__name__),
    **dict.fromkeys(["noam_explorer", "wsd_explorer"], llm.__name__),
    **dict.fromkeys(["layerwise_explorer"], param_groups.__name__),
    **dict.fromkeys(["range_test_explorer"], range_test.__name__),
}
__all__ = sorted(EXPORTS)
__getattr__, __dir__ = _lazy_exports(__name__, EXPORTS)
