"""Every exercise's model solution, mutated one place at a time (tests/mutants.py): each mutant
that changes the answers fails its check, and most get a diagnosis by name, never two names.

It applies to every exercise in EXERCISES by itself (tests/mutants.SKIPPED says which are left
out, and why). `python -m tests.mutants -v` prints the table and the unnamed mutants.
"""

import functools

import pytest

from course_utils.exercises import EXERCISES
from tests.mutant_rewrites import rewrites
from tests.mutants import SKIPPED, summary, verdicts

# At least this share of the wrong mutants of each exercise is named on every seed. The rest
# are rewrites no learner writes: a 0.5 made 2.0, `(2 + cos …)`, a counter stepped by 2.
FLOOR = 0.8
# Exercises whose model solution is a formula dense with whole numbers get a lower floor, with
# the measured reason. cyclic_lr (37 of 59 named): Smith's two lines, cycle = floor(1 + s/(2·up))
# and x = |s/up − 2·cycle + 1|, give 14 unnamed one-place rewrites of a single occurrence
# (step ± 1 or up ± 1 in one line but not the other, a 2 made 3, a 1 dropped), and triangular2's
# 2**(cycle − 1) five more; the consistent slips (one step late, period = up, //, …) are named.
FLOORS = {"cyclic_lr": 0.6}
MUTATED = [name for name in EXERCISES if name not in SKIPPED]


@functools.cache
def _verdicts(name: str):
    return verdicts(EXERCISES[name])


def _listing(found) -> str:
    return "\n".join(f"  {v.mutant.where}  {v.statuses} {v.mistakes}" for v in found)


def test_skipped_exercises_exist():
    assert set(SKIPPED) <= set(EXERCISES)


@pytest.mark.parametrize("name", MUTATED)
def test_every_mutant_that_changes_the_answers_fails(name):
    found = _verdicts(name)
    wrong = [v for v in found if v.kind == "wrong"]
    assert len(wrong) >= 3, "the generator found almost nothing to mutate in the solution"
    flaky = [v for v in found if v.kind == "flaky"]
    assert not flaky, f"rejected on some seeds only (add an edge case):\n{_listing(flaky)}"
    # a wrong answer is "failed"; "error" only when the mutant raises on some input
    misjudged = [v for v in wrong if any(s != "failed" and not (s == "error" and v.raises)
                                         for s in v.statuses)]
    assert not misjudged, _listing(misjudged)


@pytest.mark.parametrize("name", MUTATED)
def test_most_mutants_are_named(name):
    found = _verdicts(name)
    share = summary(found)["share"]
    unnamed = [v for v in found if v.kind == "wrong" and not v.named]
    floor = FLOORS.get(name, FLOOR)
    assert share >= floor, f"{share:.0%} named; not named:\n{_listing(unnamed)}"


@pytest.mark.parametrize("name", MUTATED)
def test_a_mutant_never_gets_two_names(name):
    """A diagnosis that changes with the random inputs names at least one wrong mistake."""
    torn = [v for v in _verdicts(name) if len({k for k in v.mistakes if k}) > 1]
    assert not torn, _listing(torn)


SAMPLE = '''
def f(step, total_steps, lr, floor=0.5):
    if step >= total_steps:
        return floor
    p = step / total_steps
    return max(lr * 0.5 * (1 + math.cos(math.pi * p)), floor)
'''


def test_rewrites_are_the_slips_of_the_catalogue():
    found = dict(rewrites(SAMPLE, whole={"step", "total_steps"}))
    texts = list(found.values())

    def has(fragment):
        return any(fragment in text for text in texts)

    assert "floor ignored (always 0.5)" in found  # a hard-coded default
    assert has("step > total_steps") and has("step >= total_steps - 1")  # boundaries
    assert has("step // total_steps") and has("(step + 1) / total_steps")  # // and ±1
    assert has("math.cos(1.0 * p)")  # π dropped
    assert has("math.cos(2 * math.pi * p)") and has("math.sin(math.pi * p)")
    assert has("min(lr * 0.5") and has("return lr * 0.5 * (1 +")  # min for max, clamp dropped
    assert has("lr * 1.0 * (1") and has("lr * (1 + math.cos")  # a wrong constant, a dropped factor
    assert not any("lr + 1" in text or "lr - 1" in text for text in texts)  # lr is no count
    assert all("if step >= total_steps" not in text for text in [found[k] for k in found
                                                                 if "guard dropped" in k])


def test_a_mutant_that_loops_forever_is_stopped_and_fails():
    """`while` loops in a model solution make mutants that never end: the harness stops them."""
    from tests.mutants import Mutant

    source = ("def cosine_lr(step, total_steps, max_lr=1e-3, min_lr=1e-6):\n"
              "    while step >= 0:\n        pass\n    return max_lr\n")
    (found,) = verdicts(EXERCISES["cosine_lr"], [Mutant("cosine_lr", "loop", source)], seeds=(0,))
    assert found.kind == "wrong" and found.raises
