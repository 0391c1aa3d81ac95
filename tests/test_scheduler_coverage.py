"""Every scheduler class of torch.optim.lr_scheduler (and swa_utils' SWALR) is taught somewhere.

"Taught" means: the catalog (course_utils.catalog, the source of 09's comparison table) has a row
for the class, that row names a notebook of the course, and that notebook's markdown (its prose,
not only its code) mentions the class by name. The classes are read from torch when the test runs,
so a class added by a newer torch fails here until the course teaches it.
"""

import inspect
import json
import re
from functools import cache
from pathlib import Path

import pytest
from torch.optim import lr_scheduler, swa_utils

from course_utils import catalog, course

ROOT = Path(__file__).resolve().parent.parent
BASE_CLASSES = {"LRScheduler", "_LRScheduler"}  # what every scheduler derives from, not one


def scheduler_classes() -> list[str]:
    """Public scheduler classes defined in torch.optim.lr_scheduler, base classes left out,
    and SWALR from torch.optim.swa_utils."""
    names = [
        name for name, obj in inspect.getmembers(lr_scheduler, inspect.isclass)
        if obj.__module__ == lr_scheduler.__name__ and issubclass(obj, lr_scheduler.LRScheduler)
        and name not in BASE_CLASSES and not name.startswith("_")
    ]
    return [*sorted(names), "SWALR"]


@cache
def markdown_of(notebook: str) -> str:
    path = ROOT / "solutions" / f"{notebook}.ipynb"
    if not path.is_file():
        return ""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")


def why_not_taught(name: str) -> str | None:
    """None when `name` is taught, else what is missing."""
    rows = [e for e in catalog.CATALOG if e.torch_class == name]
    if not rows:
        return (f"{name}: no catalog row (course_utils/catalog) has torch_class={name!r}; add "
                "one with the notebook that teaches it")
    mention = re.compile(rf"\b{re.escape(name)}\b")
    notebooks = sorted({e.notebook for e in rows})
    if any(mention.search(markdown_of(nb)) for nb in notebooks):
        return None
    missing = [nb for nb in notebooks if not (ROOT / "solutions" / f"{nb}.ipynb").is_file()]
    if missing:
        return f"{name}: its catalog row names {', '.join(missing)}, not in solutions/ yet"
    return f"{name}: the markdown of {', '.join(notebooks)} (its catalog row) never names it"


def test_the_classes_are_read_from_torch():
    names = scheduler_classes()
    assert {"StepLR", "LambdaLR", "SequentialLR", "ChainedScheduler", "ReduceLROnPlateau",
            "CyclicLR", "OneCycleLR", "CosineAnnealingWarmRestarts", "SWALR"} <= set(names)
    assert not BASE_CLASSES & set(names)
    assert all(issubclass(getattr(lr_scheduler, n, None) or getattr(swa_utils, n),
                          lr_scheduler.LRScheduler) for n in names)


@pytest.mark.parametrize("name", scheduler_classes())
def test_every_scheduler_class_is_taught(name):
    problem = why_not_taught(name)
    assert problem is None, problem


def test_the_check_can_fail():
    assert "no catalog row" in why_not_taught("NoSuchScheduler")
    assert all(e.notebook in course.NAMES for e in catalog.CATALOG)
