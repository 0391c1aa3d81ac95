"""What a check sends to a learner's code and gets back: a Case and an Outcome, both JSON-able."""

import copy
from dataclasses import dataclass, field
from typing import Any, Literal, get_args

OutcomeKind = Literal["value", "not_implemented", "exception", "bad_answer"]
OUTCOME_KINDS: tuple[str, ...] = get_args(OutcomeKind)
ERROR_CHARS = 300  # of an exception's text kept in an Outcome


@dataclass(frozen=True)
class Case:
    """One input the check tries. `args` are passed positionally, after any `setup` object.

    `setup` holds plain data the exercise needs besides the arguments (for a scheduler
    factory: the param groups' base lrs and how many steps to run). `scale` is the size
    of the schedule (its peak lr): tolerances are relative to it.
    """

    args: tuple
    scale: float
    label: str = ""
    setup: dict = field(default_factory=dict)
    kwargs: dict = field(default_factory=dict)

    def call_args(self) -> tuple[tuple, dict]:
        """Copies of args and kwargs for the learner: editing a list in place changes only them."""
        return copy.deepcopy(self.args), copy.deepcopy(self.kwargs)

    def to_json(self) -> dict:
        return {"args": list(self.args), "scale": self.scale, "label": self.label,
                "setup": self.setup, "kwargs": self.kwargs}

    @classmethod
    def from_json(cls, data: dict) -> "Case":
        return cls(tuple(data["args"]), data["scale"], data.get("label", ""),
                   data.get("setup", {}), data.get("kwargs", {}))


@dataclass(frozen=True)
class Outcome:
    """What a learner's code gave for one case: a value, or why there is none.

    kind: "value", "not_implemented" (the stub), "exception" (their code raised),
    "bad_answer" (returned something that is not a number).
    """

    kind: OutcomeKind
    value: Any = None
    error_type: str = ""
    error: str = ""

    def to_json(self) -> dict:
        return {"kind": self.kind, "value": self.value, "error_type": self.error_type,
                "error": self.error}

    @classmethod
    def from_json(cls, data: dict) -> "Outcome":
        kind = data.get("kind")
        if kind not in OUTCOME_KINDS:
            raise ValueError(f"unknown outcome kind {kind!r}")
        return cls(kind, data.get("value"), str(data.get("error_type", "")),
                   str(data.get("error", ""))[:500])

    @classmethod
    def from_exception(cls, exc: BaseException) -> "Outcome":
        """The outcome of a learner's code that raised `exc` (sys.exit and deep recursion named)."""
        if isinstance(exc, SystemExit):
            return cls("exception", error_type="SystemExit",
                       error=f"sys.exit({str(exc.code)[:50]}) was called")
        if isinstance(exc, RecursionError):
            return cls("exception", error_type="RecursionError",
                       error="maximum recursion depth exceeded")
        return cls("exception", error_type=type(exc).__name__, error=_safe_str(exc))


def _safe_str(exc: BaseException) -> str:
    try:
        text = str(exc)
    except Exception:  # a hostile __str__ must not break the message
        text = "<unprintable>"
    return text if len(text) <= ERROR_CHARS else text[: ERROR_CHARS - 3] + "..."
