"""The train_loop exercise: its oracle is torch, fed what the loop really did."""

import pytest
import torch

from course_utils.exercises.loop_harness import build
from course_utils.exercises.training_loop import EXERCISE
from course_utils.torch_traces import lr_trace


def test_train_loop_exercise_plateau_oracle_is_torch_fed_with_the_validation_losses():
    case = EXERCISE.edge_cases()[3]
    assert case.setup["step_per"] == "plateau"
    model, train_loader, val_loader, optimizer, scheduler = build(case.setup)
    val_losses = EXERCISE.solution(model, train_loader, val_loader, optimizer, scheduler,
                                   case.setup["epochs"], "plateau")
    per_epoch = lr_trace(
        lambda o: torch.optim.lr_scheduler.ReduceLROnPlateau(o, factor=0.5, patience=0),
        case.setup["base_lrs"][0], 0, metrics=val_losses[:-1],
    )
    steps = case.setup["steps_per_epoch"]
    expected = [[lr] for lr in per_epoch for _ in range(steps)]
    got = [row[0] for row in EXERCISE.expected([case])[0]]
    assert got == pytest.approx([row[0] for row in expected], rel=1e-12)
    assert len({row[0] for row in expected}) > 2  # the case really cuts, several times
