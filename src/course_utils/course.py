"""The course map: every notebook's name, title and part, in order. Everything else reads it."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Notebook:
    """One notebook: `name` is its file stem in solutions/ and notebooks/, `title` its heading
    (after "# NN · "), `part` 1 for the classic schedules, 2 for what comes after them."""

    name: str
    title: str
    part: int


NOTEBOOKS: tuple[Notebook, ...] = (
    Notebook("00_why_schedule", "Why schedule the learning rate?", 1),
    Notebook("01_step_lr", "StepLR: cut the rate every few epochs", 1),
    Notebook("02_multistep_lr", "MultiStepLR: cut the rate at chosen epochs", 1),
    Notebook("03_exponential_lr", "ExponentialLR: the same cut every epoch", 1),
    Notebook("04_cosine_annealing", "Cosine annealing", 1),
    Notebook("05_reduce_on_plateau", "ReduceLROnPlateau", 1),
    Notebook("06_one_cycle", "One cycle (`OneCycleLR`)", 1),
    Notebook("07_warmup_cosine", "Linear warmup, then cosine decay", 1),
    Notebook("08_training_loop", "Schedulers in a real training loop", 1),
    Notebook("09_interview_review", "Interview review: every scheduler, one page", 1),
    Notebook("10_warm_restarts_and_cycles", "Warm restarts and cyclical learning rates", 2),
    Notebook("11_composing_schedulers", "Composing schedulers: factors, SequentialLR, "
             "ChainedScheduler, SWA", 2),
    Notebook("12_transformer_and_llm_schedules", "Transformer and LLM schedules", 2),
    Notebook("13_param_groups_and_batch_size", "Param groups and batch size", 2),
    Notebook("14_lr_range_test", "The LR range test: finding the peak learning rate", 2),
)
NAMES: tuple[str, ...] = tuple(notebook.name for notebook in NOTEBOOKS)


def check_name(name: str | None) -> str | None:
    """`name` unchanged if it is None or a notebook of the course, else a ValueError."""
    if name is not None and name not in NAMES:
        raise ValueError(f"unknown notebook {name!r}; choose one of: {', '.join(NAMES)}")
    return name


def position(name: str) -> int:
    """Where the notebook comes in the course (0 for the first); ValueError if unknown."""
    check_name(name)
    return NAMES.index(name)
