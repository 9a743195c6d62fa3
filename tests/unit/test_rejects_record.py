"""Validation of one JSON message, as the stream ingest does it: every reason."""

import datetime as dt
import json

import pytest

from helpers.data.validate import Reason, validate_record

NOW = "2020-01-01T00:00:00Z"
GOOD = {"ts": "2016-06-21T12:00:00Z", "type": "solar", "region": "DE", "value": 30.0}


def _with(**changes) -> dict:
    return {**GOOD, **changes}


def _without(name: str) -> dict:
    return {key: value for key, value in GOOD.items() if key != name}


def test_a_good_message_gives_a_normalised_row():
    row, reason = validate_record({**GOOD, "extra": "ignored"}, now=NOW)
    assert reason is None
    noon = dt.datetime(2016, 6, 21, 12, tzinfo=dt.UTC)
    assert row == {"ts": noon, "type": "solar", "region": "DE", "value": 30.0}


def test_integer_values_and_offsets_are_accepted():
    row, reason = validate_record(_with(ts="2016-06-21T14:00:00+02:00", value=7), now=NOW)
    assert reason is None and row["ts"] == dt.datetime(2016, 6, 21, 12, tzinfo=dt.UTC)
    assert isinstance(row["value"], float)
    row, _ = validate_record(_with(ts="2016-06-21T12:00:00"), now=NOW)
    assert row["ts"].tzinfo == dt.UTC  # no offset means UTC


@pytest.mark.parametrize(
    ("message", "reason"),
    [
        ([1, 2, 3], Reason.NOT_AN_OBJECT),
        ("ts,type,region,value", Reason.NOT_AN_OBJECT),
        (None, Reason.NOT_AN_OBJECT),
        (_without("ts"), f"{Reason.MISSING}: ts"),
        (_without("value"), f"{Reason.MISSING}: value"),
        (_with(region=None), f"{Reason.MISSING}: region"),
        (_with(type=" "), f"{Reason.MISSING}: type"),
        (_with(ts=1466510400), f"{Reason.WRONG_TYPE}: ts"),
        (_with(region=5), f"{Reason.WRONG_TYPE}: region"),
        (_with(value="30.0"), f"{Reason.WRONG_TYPE}: value"),
        (_with(value=True), f"{Reason.WRONG_TYPE}: value"),
        (_with(ts="21/06/2016 12:00"), Reason.BAD_TIMESTAMP),
        (_with(ts="1999-12-31T23:59:59Z"), Reason.TIMESTAMP_RANGE),
        (_with(ts="2020-01-02T00:00:01Z"), Reason.TIMESTAMP_RANGE),
        (_with(value=float("nan")), Reason.NAN),
        (_with(value=float("inf")), Reason.INFINITE),
        (_with(value=float("-inf")), Reason.INFINITE),
        (_with(value=-0.5), Reason.NEGATIVE),
        (_with(type="hydro"), Reason.UNKNOWN_TYPE),
    ],
)
def test_every_reason(message, reason):
    assert validate_record(message, now=NOW) == (None, reason)


def test_json_nan_and_infinity_tokens_are_caught():
    message = json.loads('{"ts": "2016-06-21T12:00:00Z", "type": "wind", "region": "DE", "value": NaN}')
    assert validate_record(message, now=NOW) == (None, Reason.NAN)
    message = json.loads('{"ts": "2016-06-21T12:00:00Z", "type": "wind", "region": "DE", "value": -Infinity}')
    assert validate_record(message, now=NOW) == (None, Reason.INFINITE)


def test_the_future_is_measured_from_the_clock_by_default():
    tomorrow = (dt.datetime.now(dt.UTC) + dt.timedelta(hours=12)).isoformat()
    next_week = (dt.datetime.now(dt.UTC) + dt.timedelta(days=7)).isoformat()
    assert validate_record(_with(ts=tomorrow))[1] is None
    assert validate_record(_with(ts=next_week)) == (None, Reason.TIMESTAMP_RANGE)
