"""Fresh numeric questions from random parameters, answered by torch at generation time.

Each module of this package registers its generators with
`@generator(kind, topic, taught_in="<notebook>#<heading>")`
(see base.py); adding a module adds its kinds. They come in course order.
"""

import importlib
import pkgutil

from course_utils.course import position
from course_utils.rehearsal.generators.base import REGISTERED, Generator

for _info in pkgutil.iter_modules(__path__):
    importlib.import_module(f"{__name__}.{_info.name}")

GENERATORS: dict[str, Generator] = {
    g.kind: g for g in sorted(REGISTERED, key=lambda g: position(g.topic))
}


def kinds_for(topic: str | None) -> list[str]:
    """Generator kinds for a topic (all kinds for None)."""
    return [kind for kind, g in GENERATORS.items() if topic in (None, g.topic)]


def generate(kind: str, seed: int) -> dict:
    """One question of the given kind; the same (kind, seed) always gives the same question."""
    if kind not in GENERATORS:
        raise ValueError(f"unknown generator {kind!r}; choose one of: {', '.join(GENERATORS)}")
    return GENERATORS[kind].question(seed)


__all__ = ["GENERATORS", "Generator", "generate", "kinds_for"]
