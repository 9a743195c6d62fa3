"""The self-checks: a right answer gets ✓, every registered typical wrong answer gets its hint, no hint gives
the right answer away, and no answer, however malformed, makes a check raise or show an exception."""

from __future__ import annotations

import builtins
import datetime as dt
import math
import re
from collections import namedtuple

import pandas as pd
import pytest

from helpers.course import checks
from helpers.course.checks import Exercise, Hint, check, exercise, verdict

OFFLINE = sorted(e.id for e in checks.load_all().values() if not e.needs_sandbox)
GARBAGE = [None, ..., "", 0, {}, [], object()]
GARBAGE_IDS = ["None", "placeholder", "empty-str", "zero", "empty-dict", "empty-list", "object"]
EXCEPTION_NAMES = sorted(
    name for name, value in vars(builtins).items() if isinstance(value, type) and issubclass(value, BaseException)
)
Row = namedtuple("Row", "ts value")


def _lesson(number: str):
    return getattr(checks, f"lesson_{number}")


def _right_09_3():
    flags = _lesson("09")._sample_flags()
    return flags, _lesson("09")._unmarked(_lesson("09").events(flags))  # built by hand, not by the helper


def _right_10_1():
    wind = _lesson("10")._wind_replay()
    return Row(wind["ts"].iloc[-1].to_pydatetime(), float(wind["value"].iloc[-1]))


# exercise id -> (right answers: the current one first, then the form a reworded exercise asks for; values
# or functions making them), extra strings no hint may contain. Taken from the executed lessons' outputs
# where they print the answer (notebooks/NN_*.ipynb), else recomputed from the generator.
RIGHT: dict[str, tuple[list, list[str]]] = {
    "01.1": ([("tennet", 47.8)], ["tennet"]),
    "01.2": ([{"solar": "2016-06", "wind": "2016-12"}], ["2016-06", "2016-12", "June", "December"]),
    "01.3": ([25.0], []),
    "02.1": ([79], []),
    "02.3": ([240], ["6 hours", "x 4", "× 4"]),
    "02.4": (
        [{"replicas": 3, "min.insync.replicas": 2, "brokers that may fail": 1}],
        ["of the 2", "none may", "majority"],
    ),
    "02.5": (
        [lambda: {"messages": 11, "first offset": 950, "table": _lesson("02")._table()}],
        ["4400", "4,400"],
    ),
    "02.6": ([(2, 7)], []),
    "02.7": ([{"voters": 3, "needed": 2}], ["majority", "half", "2 of 3", "two of the three"]),
    "03.1": ([{"rows": 96, "lag": 40}], []),
    "03.3": ([dt.datetime(2016, 6, 22, 12, 15)], ["12:15"]),
    "04.1": ([{"50hertz": 3860.7, "DE": 7816.3, "amprion": 619.0, "tennet": 3206.6, "transnetbw": 130.0}], []),
    "04.2": ([(9, 96)], []),
    "04.4": (
        [({"50hertz": 6032.1, "amprion": 263.7, "tennet": 1684.0, "transnetbw": 109.6}, 1)],
        ["generation_by_instant"],
    ),
    "05.1": ([(1, 2.0)], []),
    "05.2": ([lambda: _lesson("05")._twcs_table("DAYS", 3), lambda: _lesson("05")._twcs_table("HOURS", 48)], []),
    "05.3": ([(20, 30)], []),
    "05.4": ([2], ["two bounds"]),
    "05.5": (
        [{"meter_minutes": "TWCS", "corrections": "UCS", "dashboard_5min": "TWCS", "history": "UCS"}],
        [],
    ),
    "06.1": (["cassandra1"], ["cassandra1"]),
    "06.2": ([["cassandra1", "cassandra2"]], ["cassandra1", "cassandra2"]),
    "06.3": ([{"TWO": 3, "ONE": 3}], ["all three", "every replica"]),
    "06.4": ([96], []),
    "06.5": ([{f"meter-{i:06d}": 192 for i in range(1, 7)}], []),
    "07.2": ([{"groups": 2, "shuffle rows": 6}], []),
    "07.4": ([(1, "NODE_LOCAL"), [1, "node_local"]], []),
    "08.1": ([pd.Timestamp("2016-06-03 21:00", tz="UTC"), "2016-06-03 21:00"], ["21:00"]),
    "08.2": ([30], []),
    "09.1": ([{"solar_twh": 36.39, "wind_twh": 76.97, "windiest_day": dt.date(2016, 11, 5)}], ["2016-11-05"]),
    "09.2": ([lambda: _lesson("09")._truth_09_2()], []),
    "09.3": ([_right_09_3], []),
    "09.4": ([5076], []),
    "10.1": ([_right_10_1], []),
    "10.2": ([lambda: _lesson("10")._daily_solar()], []),
    "10.3": ([lambda: _lesson("10")._hourly_wind_18th()], []),
    "10.4": ([lambda: _lesson("10")._outage_z()], []),
    # lesson 11: a diagnosis in either spelling; no hint names the component or the cause's words
    "11.1": (
        [{"component": "kafka3", "cause": "C"}, {"component": " Kafka3", "cause": "c"}],
        ["kafka3", "in-sync replicas than"],
    ),
    "11.3": ([{"component": "cassandra3", "cause": "A"}], ["cassandra3", "hint window"]),
    "11.5": ([{"component": "consumer group", "cause": "D"}], ["poison", "retries forever"]),
    "11.7": ([{"component": "spark-worker3", "cause": "E"}], ["spark-worker3", "worker is gone"]),
    "11.9": ([{"component": "writer", "cause": "B"}], ["clock", "stamped older"]),
}


def _made(value):
    return value() if callable(value) else value


def _number_forms(x: float) -> set[str]:
    """How a number could be written in a hint: 240, 1,441, 47.8, 0.93, 5076, 5,076."""
    if isinstance(x, bool) or not math.isfinite(x) or x == 0:
        return set()
    if float(x).is_integer():
        n = int(x)
        return {str(n), f"{n:,}", f"{n:.1f}"} if abs(n) >= 10 else set()
    forms = {repr(float(x)), f"{x:.1f}", f"{x:.2f}", f"{x:.3f}"}
    if abs(x) >= 100:
        forms |= {f"{round(x)}", f"{round(x):,}", f"{x:,.1f}"}
    return {form for form in forms if form.strip("-0.")}


def _leaves(value):
    """The scalars of an answer (values of dicts, items of lists and tuples, a Series' values)."""
    if isinstance(value, dict):
        for item in value.values():
            yield from _leaves(item)
    elif isinstance(value, (list, tuple)) and not isinstance(value, Row):
        for item in value:
            yield from _leaves(item)
    elif isinstance(value, Row):
        yield from _leaves(tuple(value))
    elif isinstance(value, pd.Series):
        yield from value.head(24).tolist()
    elif isinstance(value, pd.DataFrame):
        return
    else:
        yield value


def secrets_of(exercise_id: str) -> set[str]:
    """What no hint of ``exercise_id`` may say: the right answers' numbers, dates and times, and the extras."""
    answers, extra = RIGHT[exercise_id]
    found = set(extra)
    for answer in map(_made, answers):
        found.add(str(answer))
        for leaf in _leaves(answer):
            if isinstance(leaf, (int, float)):
                found |= _number_forms(leaf)
            elif isinstance(leaf, (dt.datetime, pd.Timestamp)):
                found |= {leaf.strftime("%Y-%m-%d %H:%M"), leaf.strftime("%H:%M")}
            elif isinstance(leaf, dt.date):
                found.add(leaf.isoformat())
    return {s for s in found if s}


def mentions(text: str, secret: str) -> bool:
    """Whether ``secret`` stands in ``text`` on its own: '25' is not in '0.25', nor '96' in '1960'."""
    return re.search(rf"(?<![\w.,]){re.escape(secret)}(?![\w]|[.,]\d)", text) is not None


@pytest.fixture
def registry(monkeypatch):
    monkeypatch.setattr(checks, "REGISTRY", {})
    monkeypatch.setattr(checks, "load_all", lambda: checks.REGISTRY)
    return checks.REGISTRY


def test_a_right_answer_gets_a_tick_and_a_wrong_one_its_hint(registry, capsys):
    @exercise("99.1", answer="a number", wrong=[41])
    def answer_is_42(answer):
        if answer != 42:
            raise Hint("count again")

    assert verdict("99.1", 42)[0] is True and check("99.1", 42) is None
    assert capsys.readouterr().out == "✓ 99.1: right.\n"
    assert verdict("99.1", 41)[0] is False and check("99.1", 41) is None
    assert capsys.readouterr().out == "✗ 99.1: not yet. Hint: count again\n"


def test_a_check_may_say_its_own_success(registry):
    exercise("99.6", answer="a number", success="right.")(lambda answer: "right, in the new form.")
    assert verdict("99.6", 1) == (True, "✓ 99.6: right, in the new form.")


@pytest.mark.parametrize("placeholder", [..., None])
def test_the_placeholder_is_not_answered_yet(registry, capsys, placeholder):
    @exercise("99.4", answer="a number")
    def never_called(answer):
        raise AssertionError("a placeholder must not reach the check")

    assert verdict("99.4", placeholder)[0] is False and check("99.4", placeholder) is None
    said = capsys.readouterr().out
    assert "99.4: not answered yet" in said and 'solution("99.4")' in said


def test_a_malformed_answer_gets_the_expected_shape_not_the_exception(registry):
    @exercise("99.2", answer="a DataFrame with a column `value`")
    def needs_a_frame(answer):
        if answer["value"].sum() != 3:
            raise Hint("sum the values")

    right, message = verdict("99.2", {"replicas": {0: [2, 3]}})
    assert not right
    assert message == (
        "✗ 99.2: not yet. The check expects a DataFrame with a column `value`; got a dict with keys 'replicas'."
    )
    for answer in (3, "text", [1, 2], object()):
        right, message = verdict("99.2", answer)
        assert not right and "The check expects a DataFrame" in message and "Error" not in message


def test_every_exercise_says_what_it_expects(registry):
    with pytest.raises(TypeError):
        exercise("99.5")  # no answer=...
    with pytest.raises(ValueError, match="description of its expected answer"):
        exercise("99.5", answer=" ")


def test_an_unknown_exercise_is_named(registry, capsys):
    with pytest.raises(KeyError, match="No check for exercise '99.9'"):
        verdict("99.9", 1)
    assert check("99.9", 1) is None
    assert "No check for exercise '99.9'" in capsys.readouterr().out


def test_an_exercise_registers_once(registry):
    exercise("99.3", answer="anything")(lambda answer: None)
    with pytest.raises(ValueError, match="registered twice"):
        exercise("99.3", answer="anything")(lambda answer: None)


def test_every_check_registers_three_typical_wrong_answers_and_a_description():
    for registered in checks.load_all().values():
        assert len(registered.wrong) >= 3, f"{registered.id} registers fewer than 3 typical wrong answers"
        assert registered.expects.strip(), registered.id


def test_every_offline_check_has_its_right_answers_in_the_table():
    assert sorted(RIGHT) == OFFLINE


@pytest.mark.parametrize("exercise_id", OFFLINE)
def test_every_typical_wrong_answer_is_caught(exercise_id):
    registered: Exercise = checks.REGISTRY[exercise_id]
    for wrong in registered.wrong_answers():
        right, message = verdict(exercise_id, wrong)
        assert not right and "Hint:" in message, (exercise_id, wrong, message)


@pytest.mark.parametrize("exercise_id", OFFLINE)
def test_the_right_answers_are_accepted(exercise_id):
    for answer in RIGHT[exercise_id][0]:
        right, message = verdict(exercise_id, _made(answer))
        assert right, (exercise_id, message)


@pytest.mark.parametrize("exercise_id", OFFLINE)
def test_no_hint_gives_the_answer_away(exercise_id):
    secrets = secrets_of(exercise_id)
    for answer in checks.REGISTRY[exercise_id].wrong_answers() + GARBAGE:
        _, message = verdict(exercise_id, answer)
        leaked = sorted(s for s in secrets if mentions(message, s))
        assert not leaked, (exercise_id, answer, message, leaked)


@pytest.mark.parametrize("exercise_id", OFFLINE)
@pytest.mark.parametrize("answer", GARBAGE, ids=GARBAGE_IDS)
def test_any_answer_gets_a_message_never_an_exception(exercise_id, answer):
    right, message = verdict(exercise_id, answer)
    assert right is False and message.startswith(("✗", "…")), message
    assert not [name for name in ["Error", "Traceback", *EXCEPTION_NAMES] if name in message], message
    if answer is None or answer is ...:
        assert "not answered yet" in message and f'solution("{exercise_id}")' in message
    else:
        assert "Hint:" in message or "The check expects" in message, message


@pytest.mark.parametrize(
    ("exercise_id", "answer"),
    [
        ("02.1", "np.int64(79)"),
        ("02.3", "np.int64(240)"),
        ("03.1", "{'rows': np.int64(96), 'lag': np.int64(40)}"),
        ("07.2", "{'groups': 2, 'shuffle rows': np.int64(6)}"),
    ],
)
def test_numpy_numbers_count_as_numbers(exercise_id, answer):
    import numpy as np

    assert verdict(exercise_id, eval(answer, {"np": np}))[0]  # noqa: S307 - a literal of the test's own


@pytest.mark.parametrize(
    ("weeks", "right"),
    [
        ([dt.date(2015, 12, 28), dt.date(2016, 1, 4), dt.date(2016, 1, 11)], True),  # Mondays
        ([dt.date(2015, 12, 27), dt.date(2016, 1, 3), dt.date(2016, 1, 10)], False),  # Sundays: also (3, 10080)
        ([dt.date(2015, 12, 31), dt.date(2016, 1, 7), dt.date(2016, 1, 14)], False),  # TWCS-style Thursdays
        ([53, 1, 2], False),  # ISO week numbers
    ],
)
def test_weekly_buckets_must_start_on_mondays(monkeypatch, weeks, right):
    """04.3: (3, 10080) comes out of Sunday, Thursday and ISO weeks too; the table's `week` values tell."""
    monkeypatch.setattr(_lesson("04"), "_bucket_weeks", lambda: weeks)
    said = verdict("04.3", (3, 10080))
    assert said[0] is right, said
