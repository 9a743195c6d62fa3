"""Self-checks for the exercises: ``check("04.2", answer)`` says ✓, or gives a hint; never the solution.

Each lesson registers its checks in ``helpers/course/checks/lesson_NN.py``::

    @exercise("04.2", answer="a tuple (rows returned, rows read)", wrong=[(9, 2976), (9, 29760), (0, 0)])
    def one_day_of_one_partition(answer):
        \"\"\"(rows returned, rows read) of DE solar above 5,000 MW on 15 January.\"\"\"
        returned, read = (int(x) for x in answer)
        if read > 96:
            raise Hint("The replicas read more than one day. Which column bounds a slice of the partition?")

A check raises :class:`Hint` when the answer is not right (and may return a success message of its
own, for an answer given in another accepted form; else ``success`` is said). ``answer`` (required) describes the
expected answer in the exercise's own words: when the check fails on an answer of the wrong type or
shape (a TypeError, KeyError, ValueError, ... inside the check), the learner reads "The check expects
<answer>; got <what they gave>", never the exception. ``wrong`` lists typical wrong answers (values, or
functions that make them) that the tests feed to the check to prove it catches them, without a hint
ever stating the right answer; ``needs_sandbox`` marks checks that look at live data.

An answer left at the placeholder ``answer = ...`` (or ``None``) is "not answered yet": ``check`` says
so and points to ``solution("NN.K")``. ``check`` never raises for any answer.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field


class Hint(Exception):  # noqa: N818 - a hint for the learner, not an error of the program
    """The answer is not right yet; the message says where to look (never the solution)."""


@dataclass(frozen=True)
class Exercise:
    id: str
    verify: Callable[[object], object]
    expects: str
    wrong: list = field(default_factory=list)
    needs_sandbox: bool = False
    success: str = "right."

    def wrong_answers(self) -> list:
        """The typical wrong answers, made now (factories are called)."""
        return [w() if callable(w) else w for w in self.wrong]


REGISTRY: dict[str, Exercise] = {}


def exercise(
    exercise_id: str,
    *,
    answer: str,
    wrong: list | None = None,
    needs_sandbox: bool = False,
    success: str = "right.",
):
    """Register the decorated function as the check of exercise ``exercise_id`` (e.g. "04.2").

    ``answer`` describes what the check expects, e.g. "a number: how many messages".
    """
    if not isinstance(answer, str) or not answer.strip():
        raise ValueError(f"exercise {exercise_id} needs a description of its expected answer (answer=...)")

    def register(verify: Callable[[object], object]) -> Callable[[object], object]:
        if exercise_id in REGISTRY:
            raise ValueError(f"exercise {exercise_id} is registered twice")
        REGISTRY[exercise_id] = Exercise(exercise_id, verify, answer.strip(), list(wrong or []), needs_sandbox, success)
        return verify

    return register


def not_answered(exercise_id: str, answer=None) -> str:
    """What to say when ``answer`` is still the placeholder ``...`` (or None)."""
    why = " (`answer` is None: if it came from a query or a function, that returned nothing)" if answer is None else ""
    return (
        f"… {exercise_id}: not answered yet{why}. Set `answer` above and run the cell again; "
        f'to see a solution, run solution("{exercise_id}") in a new cell.'
    )


def _article(name: str) -> str:
    return f"an {name}" if name[:1].lower() in "aeiou" else f"a {name}"


def describe(value) -> str:
    """A short description of an answer's type and shape, e.g. "a dict with keys 'a', 'b'", "an int"."""
    name = type(value).__name__
    try:
        if isinstance(value, Mapping):
            keys = [repr(k)[:30] for k in list(value)[:4]]
            if not keys:
                return f"an empty {name}"
            more = ", ..." if len(value) > 4 else ""
            return f"{_article(name)} with keys {', '.join(keys)}{more}"
        if isinstance(value, (list, tuple, set, frozenset)):
            if not value:
                return f"an empty {name}"
            return f"{_article(name)} of {len(value)} item{'s' if len(value) != 1 else ''}"
        if isinstance(value, str) and not value:
            return "an empty str"
    except Exception:  # noqa: BLE001 - an odd mapping must not break the message
        pass
    return _article(name)


def _sandbox_unreachable(error: BaseException) -> bool:
    """Whether ``error`` says a server did not answer (not that the answer was malformed)."""
    from helpers.common.errors import ServiceUnavailable

    if isinstance(error, (ServiceUnavailable, ConnectionError, TimeoutError)):
        return True
    names = {cls.__name__ for cls in type(error).__mro__}
    return bool(names & _UNREACHABLE) or (type(error).__module__ or "").startswith("py4j")


_UNREACHABLE = {  # the drivers' "no server answered" errors (cassandra-driver, kafka-python)
    "NoHostAvailable",
    "OperationTimedOut",
    "ConnectionException",
    "NoBrokersAvailable",
    "KafkaTimeoutError",
    "KafkaConnectionError",
}


def verdict(exercise_id: str, answer) -> tuple[bool, str]:
    """(right, what to say) for an answer, without printing. Raises only for an unknown exercise id."""
    load_all()
    if exercise_id not in REGISTRY:
        raise KeyError(f"No check for exercise {exercise_id!r}; known: {', '.join(sorted(REGISTRY))}")
    registered = REGISTRY[exercise_id]
    if answer is None or answer is Ellipsis:
        return False, not_answered(exercise_id, answer)
    try:
        said = registered.verify(answer)
    except Hint as hint:
        return False, f"✗ {exercise_id}: not yet. Hint: {hint}"
    except Exception as error:  # noqa: BLE001 - a malformed answer deserves a hint, not a traceback
        if registered.needs_sandbox and _sandbox_unreachable(error):
            return False, (
                f"✗ {exercise_id}: could not be checked: the check reads the sandbox, which did not answer. "
                "Is it running? (`python -m helpers.sandbox status` says.) Then run the cell again."
            )
        return False, f"✗ {exercise_id}: not yet. The check expects {registered.expects}; got {describe(answer)}."
    return True, f"✓ {exercise_id}: {said if isinstance(said, str) and said else registered.success}"


def check(exercise_id: str, answer) -> None:
    """Print ✓ or a hint for ``answer`` to exercise ``exercise_id``. Returns nothing, so that the exercise cell,
    which ends with it, shows the message alone (``verdict`` gives the result to code)."""
    try:
        _, message = verdict(exercise_id, answer)
    except KeyError as unknown:
        message = f"✗ {unknown.args[0]}"
    print(message)


def load_all() -> dict[str, Exercise]:
    """Import every lesson's checks (once) and return the registry."""
    for module in pkgutil.iter_modules(__path__):
        if module.name.startswith("lesson_"):
            importlib.import_module(f"{__name__}.{module.name}")
    return REGISTRY
