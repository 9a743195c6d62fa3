"""Smart meters: bounded chunks, shifts in local time, weekends and holidays, outages, stable readings."""

import datetime as dt

import pandas as pd
import pytest

from helpers.data.meters import BLOCK, SHIFT_PATTERNS, german_holidays, meter_chunks, meter_rows, meters_table


def _readings(meters: int, days: int, start: str, **options) -> pd.DataFrame:
    frame = pd.concat(meter_chunks(meters, days, start=start, **options), ignore_index=True)
    table = meters_table(meters)
    return frame.merge(table, on="meter_id").assign(local=lambda f: f["ts"].dt.tz_convert("Europe/Berlin"))


def test_meters_table():
    table = meters_table(500)
    assert list(table.columns) == ["meter_id", "factory", "line", "shift_pattern", "rated_kw"]
    assert table["meter_id"].is_unique and len(table) == 500
    assert table["meter_id"].iloc[0] == "meter-000001"
    assert set(table["shift_pattern"]) == set(SHIFT_PATTERNS)
    lines = table.groupby("factory")["line"].agg(["min", "max", "count"])
    assert (lines["min"] == 1).all() and (lines["max"] == lines["count"]).all() and lines["max"].max() <= 8
    assert (table.groupby("factory")["shift_pattern"].nunique() == 1).all()
    assert (table["rated_kw"] > 0).all()


def test_chunks_stay_bounded_and_rows_add_up():
    sizes = [len(chunk) for chunk in meter_chunks(2 * BLOCK + 10, 2, "15min")]
    assert max(sizes) == BLOCK * 96
    assert sum(sizes) == meter_rows(2 * BLOCK + 10, 2, "15min") == (2 * BLOCK + 10) * 2 * 96
    minute = next(meter_chunks(3, 1, "1min"))
    assert len(minute) == 3 * 1440 and list(minute.columns) == ["ts", "meter_id", "value"]
    assert (minute["ts"].diff().dropna().isin([pd.Timedelta(0), pd.Timedelta(minutes=1)])).all()


def test_lines_run_in_their_shifts_and_idle_at_weekends():
    # Monday 4 to Sunday 10 January 2016, shift hours in local time (CET)
    frame = _readings(300, 7, "2016-01-04", holidays=False)
    load = frame["value"] / frame["rated_kw"]
    weekday = frame["local"].dt.weekday < 5
    hour = frame["local"].dt.hour
    one_shift = frame["shift_pattern"] == "1-shift"
    assert load[weekday & one_shift & (hour == 10)].median() > 0.6
    assert load[weekday & one_shift & (hour == 20)].median() < 0.15
    assert load[weekday & (frame["shift_pattern"] == "3-shift") & (hour == 2)].median() > 0.6
    assert load[~weekday].median() < 0.15


def test_public_holidays_are_days_off_unless_disabled():
    assert dt.date(2016, 3, 25) in german_holidays(2016)  # Good Friday
    assert dt.date(2016, 5, 16) in german_holidays(2016)  # Whit Monday
    holiday = _readings(100, 1, "2016-03-25")
    working = _readings(100, 1, "2016-03-25", holidays=False)
    at_ten = holiday["local"].dt.hour == 10
    assert (holiday["value"] / holiday["rated_kw"])[at_ten].median() < 0.15
    assert (working["value"] / working["rated_kw"])[at_ten].median() > 0.6


def test_outages_read_zero_for_hours():
    frame = pd.concat(meter_chunks(400, 3, "15min"), ignore_index=True)
    zeros = frame[frame["value"] == 0]
    assert 0 < zeros["meter_id"].nunique() < 100
    longest = zeros.groupby(["meter_id", zeros["ts"].dt.date], observed=True).size().max()
    assert longest >= 4  # at least an hour of 15-minute readings


def test_readings_do_not_depend_on_how_many_meters_or_days():
    small = pd.concat(meter_chunks(5, 2, "15min"), ignore_index=True)
    large = pd.concat(meter_chunks(BLOCK + 5, 3, "15min"), ignore_index=True)
    both = small.merge(large, on=["ts", "meter_id"], suffixes=("_small", "_large"))
    assert len(both) == len(small)
    assert (both["value_small"] == both["value_large"]).all()


def test_unknown_interval_and_empty_requests_are_refused():
    with pytest.raises(ValueError, match="interval"):
        next(meter_chunks(1, 1, "5min"))
    with pytest.raises(ValueError, match="at least one meter"):
        next(meter_chunks(0, 1))
