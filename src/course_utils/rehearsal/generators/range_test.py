"""Generators for notebook 14: the LR range test's sweep, run as torch's ExponentialLR."""

import math
import random

from course_utils.rehearsal.generators.base import Draft, g, generator, lr_oracle

TOPIC = "14_lr_range_test"
STARTS = (1e-7, 1e-6, 1e-5, 1e-4)
ENDS = (1.0, 10.0, 100.0)
LENGTHS = (50, 80, 100, 101, 150, 200, 300)


def _sweep(rng: random.Random) -> tuple[float, float, int, float]:
    """start_lr, end_lr, num_steps and torch's gamma for them, rounded as the question shows it."""
    start_lr, end_lr, num_steps = rng.choice(STARTS), rng.choice(ENDS), rng.choice(LENGTHS)
    gamma = float(f"{(end_lr / start_lr) ** (1 / (num_steps - 1)):g}")
    return start_lr, end_lr, num_steps, gamma


def _setting(start_lr, end_lr, num_steps, gamma) -> str:
    return (f"An LR range test sweeps from {g(start_lr)} at step 0 to about {g(end_lr)} at step "
            f"{num_steps - 1} ({num_steps} steps), run as torch's ExponentialLR(gamma={g(gamma)}) "
            f"on base lr {g(start_lr)}")


@generator("range_test_lr", topic=TOPIC, taught_in=f"{TOPIC}#2. The sweep: exponential or linear")
def range_test_lr_question(rng: random.Random) -> Draft:
    """The exponential sweep: the lr at step t."""
    start_lr, end_lr, num_steps, gamma = _sweep(rng)
    t = rng.choice([rng.randrange(num_steps), (num_steps - 1) // 2, num_steps - 1])
    return Draft(
        f"{_setting(start_lr, end_lr, num_steps, gamma)}. The lr at step {t}?",
        lr_oracle("ExponentialLR", start_lr, t, gamma=gamma),
        f"lr = start_lr·γ^t = start_lr·(end_lr/start_lr)^(t/(num_steps − 1)) = "
        f"{g(start_lr)}·{g(gamma)}^{t}: evenly spaced on a log axis.",
    )


@generator("range_test_first_above", topic=TOPIC,
           taught_in=f"{TOPIC}#2. The sweep: exponential or linear")
def range_test_first_above_question(rng: random.Random) -> Draft:
    """The exponential sweep: the first step whose lr exceeds a round value."""
    while True:
        start_lr, end_lr, num_steps, gamma = _sweep(rng)
        exponent = rng.randint(round(math.log10(start_lr)) + 1, round(math.log10(end_lr)) - 1)
        threshold = rng.choice([1.0, 3.0]) * 10.0**exponent
        position = math.log(threshold / start_lr) / math.log(gamma)  # the step, as a real number
        if abs(position - round(position)) > 0.05:  # no lr within a rounding error of it
            break
    return Draft(
        f"{_setting(start_lr, end_lr, num_steps, gamma)}. At which step (counting from 0) does "
        f"the lr first exceed {g(threshold)}?",
        {"scheduler": "ExponentialLR", "kind": "first_above", "base_lr": start_lr,
         "kwargs": {"gamma": gamma}, "threshold": threshold, "n_steps": num_steps - 1},
        f"start_lr·γ^t > {g(threshold)} from t > ln({g(threshold)}/{g(start_lr)})/ln γ = "
        f"{position:.2f}: the first whole step above it.",
        integer=True,
    )
