"""The self-checks that look at live data catch their typical wrong answers on the real sandbox."""

from __future__ import annotations

import pytest

from helpers.course import checks
from helpers.course.checks import verdict
from helpers.load.default import ensure_default_dataset

pytestmark = pytest.mark.sandbox

LIVE = sorted(e.id for e in checks.load_all().values() if e.needs_sandbox)


@pytest.fixture(scope="module")
def default_dataset(sandbox) -> int:
    """Lessons 01 and 07 check answers against energydata.generation, which lesson 01 loads."""
    return ensure_default_dataset(progress=False)


@pytest.mark.parametrize("exercise_id", LIVE)
def test_every_typical_wrong_answer_is_caught_on_live_data(default_dataset, exercise_id):
    registered = checks.REGISTRY[exercise_id]
    assert registered.wrong, f"{exercise_id} registers no typical wrong answer"
    for wrong in registered.wrong_answers():
        right, message = verdict(exercise_id, wrong)
        assert not right and "Hint:" in message, (exercise_id, wrong)
