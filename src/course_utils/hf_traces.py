"""Run Hugging Face transformers' schedule functions and record the lr they set.

The same contract as torch_traces' wrappers: cached, named by the course's parameters, a tuple
of lrs for t = 0 .. n_steps (t = 0: right after construction). transformers loads only when a
wrapper runs.
"""

from functools import lru_cache

from course_utils.torch_traces import lr_trace


@lru_cache(maxsize=256)
def hard_restarts_trace(
    warmup_steps: int, total_steps: int, num_cycles: float, max_lr: float, n_steps: int
) -> tuple[float, ...]:
    """get_cosine_with_hard_restarts_schedule_with_warmup(num_warmup_steps=warmup_steps,
    num_training_steps=total_steps, num_cycles) on base lr max_lr."""
    from transformers.optimization import get_cosine_with_hard_restarts_schedule_with_warmup

    def make(optimizer):
        return get_cosine_with_hard_restarts_schedule_with_warmup(
            optimizer, num_warmup_steps=warmup_steps, num_training_steps=total_steps,
            num_cycles=num_cycles,
        )

    return tuple(lr_trace(make, max_lr, n_steps))
