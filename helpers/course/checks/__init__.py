"""Self-checks for the exercises: ``check("04.2", answer)`` says ✓, or gives a hint; never the solution.

Each lesson registers its checks in ``helpers/course/checks/lesson_NN.py``::

    @exercise("04.2", wrong=[["region"], ["region", "type", "ts"]])
    def partition_key(answer):
        \"\"\"The partition key of a table that answers 'one day of one series'.\"\"\"
        if list(answer) != ["region", "type", "day"]:
            raise Hint("A partition should hold what one query reads: which columns name one day of one series?")

A check raises :class:`Hint` when the answer is not right; anything else it raises becomes a hint
too ("the answer should be ..."). ``wrong`` lists typical wrong answers (values, or functions
that make them) that the tests feed to the check to prove it catches them; ``needs_sandbox``
marks checks that look at live data.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field


class Hint(Exception):  # noqa: N818 - a hint for the learner, not an error of the program
    """The answer is not right yet; the message says where to look (never the solution)."""


@dataclass(frozen=True)
class Exercise:
    id: str
    verify: Callable[[object], object]
    wrong: list = field(default_factory=list)
    needs_sandbox: bool = False
    success: str = "right."

    def wrong_answers(self) -> list:
        """The typical wrong answers, made now (factories are called)."""
        return [w() if callable(w) else w for w in self.wrong]


REGISTRY: dict[str, Exercise] = {}


def exercise(exercise_id: str, wrong: list | None = None, needs_sandbox: bool = False, success: str = "right."):
    """Register the decorated function as the check of exercise ``exercise_id`` (e.g. "04.2")."""

    def register(verify: Callable[[object], object]) -> Callable[[object], object]:
        if exercise_id in REGISTRY:
            raise ValueError(f"exercise {exercise_id} is registered twice")
        REGISTRY[exercise_id] = Exercise(exercise_id, verify, list(wrong or []), needs_sandbox, success)
        return verify

    return register


def verdict(exercise_id: str, answer) -> tuple[bool, str]:
    """(right, what to say) for an answer, without printing."""
    load_all()
    if exercise_id not in REGISTRY:
        raise KeyError(f"No check for exercise {exercise_id!r}; known: {', '.join(sorted(REGISTRY))}")
    try:
        REGISTRY[exercise_id].verify(answer)
    except Hint as hint:
        return False, f"✗ {exercise_id}: not yet. Hint: {hint}"
    except Exception as error:  # noqa: BLE001 - a malformed answer deserves a hint, not a traceback
        return False, f"✗ {exercise_id}: not yet. The answer could not be checked ({type(error).__name__}: {error})."
    return True, f"✓ {exercise_id}: {REGISTRY[exercise_id].success}"


def check(exercise_id: str, answer) -> bool:
    """Print ✓ or a hint for ``answer`` to exercise ``exercise_id``; return whether it is right."""
    right, message = verdict(exercise_id, answer)
    print(message)
    return right


def load_all() -> dict[str, Exercise]:
    """Import every lesson's checks (once) and return the registry."""
    for module in pkgutil.iter_modules(__path__):
        if module.name.startswith("lesson_"):
            importlib.import_module(f"{__name__}.{module.name}")
    return REGISTRY
