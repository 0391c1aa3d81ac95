"""The learning-rate schedules course's library: checks, explorers, torch traces, plots, training.

A notebook imports what a lesson uses from here, and quizzes from course_utils.rehearsal:

    from course_utils import check, cosine_explorer, hint, lr_trace, plot_schedules, solution
    from course_utils.rehearsal import drill, quiz

Each name loads its module when first used: `import course_utils` stays cheap, torch loads
only when a name needs it. `dir(course_utils)` lists them all.
"""

from importlib import metadata as _metadata

from course_utils.lazy import lazy_exports as _lazy_exports

DISTRIBUTION = "lr-schedules-course"  # the name pip knows; its version is pyproject.toml's
try:
    __version__ = _metadata.version(DISTRIBUTION)
except _metadata.PackageNotFoundError:  # a source tree that was never installed
    __version__ = "unknown"

_MODULES = {
    "course_utils.display": ("check",),
    "course_utils.hints": ("hint", "solution"),
    "course_utils.checks": ("run_check",),
    "course_utils.versions": ("show_versions",),
    "course_utils.torch_traces": ("lr_trace", "make_optimizer", "one_cycle_trace"),
    "course_utils.torch_traces_part2": ("range_test_trace", "lr_finder_trace"),
    "course_utils.plotting": ("Panel", "draw_panel", "plot_panels", "plot_schedules"),
    "course_utils.explorers": (
        "composition_explorer", "cosine_explorer", "cyclic_explorer", "exponential_explorer",
        "multistep_explorer", "one_cycle_explorer", "plateau_explorer", "plateau_losses",
        "step_explorer", "warm_restarts_explorer", "warmup_cosine_explorer", "noam_explorer",
        "wsd_explorer", "layerwise_explorer", "range_test_explorer",
    ),
    "course_utils.hf_traces": ("hf_curve", "hf_function", "hf_trace", "scheduler_types"),
    "course_utils.param_groups": ("layerwise_param_groups", "scaled_lr"),
    "course_utils.step_training": ("StepHistory", "step_train"),
    "course_utils.training": (
        "evaluate", "load_digits_split", "load_digits_train_val_test", "make_loader", "make_model",
        "mean_spread", "optimizer_steps_per_epoch", "train",
    ),
    "course_utils.range_test": (
        "RangeTest", "digits_range_test", "divergence_step", "quiet_lr_finder", "read_curve",
        "run_range_test", "suggest_minimum", "suggest_steepest", "suggest_valley",
    ),
}
EXPORTS = {name: module for module, names in _MODULES.items() for name in names}
__all__ = sorted(EXPORTS)
__getattr__, __dir__ = _lazy_exports(__name__, EXPORTS)
