"""Load the submission corpus in tests/corpus: each file, its exercise and expected verdict."""

from dataclasses import dataclass
from pathlib import Path

CORPUS = Path(__file__).parent / "corpus"


@dataclass(frozen=True)
class Entry:
    path: Path
    exercise: str
    status: str
    mistake: str | None  # None: no known mistake must be named (or passed)

    @property
    def source(self) -> str:
        return self.path.read_text()

    def load(self):
        namespace: dict = {}
        exec(compile(self.source, str(self.path), "exec"), namespace)
        return namespace[self.exercise]


def entries() -> list[Entry]:
    result = []
    for path in sorted(CORPUS.glob("*/*.py")):
        words = path.read_text().splitlines()[0].split()
        assert words[:2] == ["#", "expect:"], f"{path}: first line must be '# expect: ...'"
        mistake = words[3] if len(words) > 3 and words[3] != "-" else None
        result.append(Entry(path, path.parent.name, words[2], mistake))
    return result
