"""The self-checks: a right answer gets ✓, every registered typical wrong answer gets its hint."""

from __future__ import annotations

import pytest

from helpers.course import checks
from helpers.course.checks import Exercise, Hint, check, exercise, verdict

OFFLINE = sorted(e.id for e in checks.load_all().values() if not e.needs_sandbox)


@pytest.fixture
def registry(monkeypatch):
    monkeypatch.setattr(checks, "REGISTRY", {})
    monkeypatch.setattr(checks, "load_all", lambda: checks.REGISTRY)
    return checks.REGISTRY


def test_a_right_answer_gets_a_tick_and_a_wrong_one_its_hint(registry, capsys):
    @exercise("99.1", wrong=[41])
    def answer_is_42(answer):
        if answer != 42:
            raise Hint("count again")

    assert check("99.1", 42) is True
    assert capsys.readouterr().out == "✓ 99.1: right.\n"
    assert check("99.1", 41) is False
    assert capsys.readouterr().out == "✗ 99.1: not yet. Hint: count again\n"


def test_a_malformed_answer_gets_a_hint_not_a_traceback(registry):
    @exercise("99.2")
    def needs_a_frame(answer):
        if answer["value"].sum() != 3:
            raise Hint("sum the values")

    right, message = verdict("99.2", None)
    assert not right and "could not be checked (TypeError" in message


def test_an_unknown_exercise_is_named(registry):
    with pytest.raises(KeyError, match="No check for exercise '99.9'"):
        verdict("99.9", 1)


def test_an_exercise_registers_once(registry):
    exercise("99.3")(lambda answer: None)
    with pytest.raises(ValueError, match="registered twice"):
        exercise("99.3")(lambda answer: None)


@pytest.mark.parametrize("exercise_id", OFFLINE)
def test_every_typical_wrong_answer_is_caught(exercise_id):
    registered: Exercise = checks.REGISTRY[exercise_id]
    assert registered.wrong, f"{exercise_id} registers no typical wrong answer"
    for wrong in registered.wrong_answers():
        right, message = verdict(exercise_id, wrong)
        assert not right and "Hint:" in message, (exercise_id, wrong)
