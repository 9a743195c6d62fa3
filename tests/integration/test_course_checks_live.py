"""The self-checks that look at live data catch their typical wrong answers on the real sandbox."""

from __future__ import annotations

import pytest

from helpers.course import checks
from helpers.course.checks import verdict

pytestmark = pytest.mark.sandbox

LIVE = sorted(e.id for e in checks.load_all().values() if e.needs_sandbox)


@pytest.mark.parametrize("exercise_id", LIVE)
def test_every_typical_wrong_answer_is_caught_on_live_data(sandbox, exercise_id):
    registered = checks.REGISTRY[exercise_id]
    assert registered.wrong, f"{exercise_id} registers no typical wrong answer"
    for wrong in registered.wrong_answers():
        right, message = verdict(exercise_id, wrong)
        assert not right and "Hint:" in message, (exercise_id, wrong)
