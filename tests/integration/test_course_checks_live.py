"""The self-checks that look at live data catch their typical wrong answers on the real sandbox, and no
answer, however malformed, makes them raise or show an exception.

These tests only read: they create, change and drop nothing the lessons use (the checks' Kafka readers do
not auto-create topics). They need the sandbox up and lesson 01's default dataset, which they load if it is missing.
"""

from __future__ import annotations

import builtins

import pytest

from helpers.course import checks
from helpers.course.checks import verdict
from helpers.load.default import ensure_default_dataset

pytestmark = pytest.mark.sandbox

LIVE = sorted(e.id for e in checks.load_all().values() if e.needs_sandbox)
GARBAGE = [None, ..., "", 0, {}, [], object()]
GARBAGE_IDS = ["None", "placeholder", "empty-str", "zero", "empty-dict", "empty-list", "object"]
EXCEPTION_NAMES = sorted(
    name for name, value in vars(builtins).items() if isinstance(value, type) and issubclass(value, BaseException)
)


@pytest.fixture(scope="module")
def running_sandbox(sandbox) -> int:
    """The sandbox up (the `sandbox` fixture fails saying how to start it) and lesson 01's default dataset,
    which the checks of lessons 01 and 07 compare answers with."""
    return ensure_default_dataset(progress=False)


def test_every_live_check_registers_three_typical_wrong_answers():
    for exercise_id in LIVE:
        assert len(checks.REGISTRY[exercise_id].wrong) >= 3, exercise_id


@pytest.mark.parametrize("exercise_id", LIVE)
def test_every_typical_wrong_answer_is_caught_on_live_data(running_sandbox, exercise_id):
    registered = checks.REGISTRY[exercise_id]
    for wrong in registered.wrong_answers():
        right, message = verdict(exercise_id, wrong)
        assert not right and "Hint:" in message, (exercise_id, wrong, message)


@pytest.mark.parametrize("exercise_id", LIVE)
@pytest.mark.parametrize("answer", GARBAGE, ids=GARBAGE_IDS)
def test_any_answer_gets_a_message_never_an_exception(running_sandbox, exercise_id, answer):
    right, message = verdict(exercise_id, answer)
    assert right is False and message.startswith(("✗", "…")), message
    assert not [name for name in ["Error", "Traceback", *EXCEPTION_NAMES] if name in message], message
    if answer is None or answer is ...:
        assert "not answered yet" in message and f'solution("{exercise_id}")' in message
