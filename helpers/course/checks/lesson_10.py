"""Checks of lesson 10 (interaction). References come from the generator (the default dataset's seed), so
the checks need no server."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import pandas as pd

from helpers.course.checks import Hint, exercise
from helpers.data.generation import generate

REPLAY = ("2016-10-16", "2016-10-19")


@lru_cache(maxsize=4)
def _de(start: str, end: str) -> pd.DataFrame:
    """DE rows of [start, end): ts (naive UTC), type, value."""
    rows = generate(start, end)
    de = rows[rows["region"] == "DE"].astype({"type": str})
    return de.assign(ts=de["ts"].dt.tz_localize(None))[["ts", "type", "value"]].reset_index(drop=True)


def _wind_replay() -> pd.DataFrame:
    frame = _de(*REPLAY)
    return frame[frame["type"] == "wind"].sort_values("ts", ignore_index=True)


def _solar_replay() -> pd.DataFrame:
    frame = _de(*REPLAY)
    return frame[frame["type"] == "solar"].sort_values("ts", ignore_index=True)


def _row(ts, value):
    return pd.Series({"ts": ts, "value": value})


@exercise(
    "10.1",
    wrong=[
        lambda: _row(_wind_replay()["ts"].iloc[0], _wind_replay()["value"].iloc[0]),
        lambda: _row(_wind_replay()["ts"].iloc[-2], _wind_replay()["value"].iloc[-2]),
        lambda: [_row(_wind_replay()["ts"].iloc[-1], _wind_replay()["value"].iloc[-1])],
        lambda: _row(_solar_replay()["ts"].iloc[-1], _solar_replay()["value"].iloc[-1]),
    ],
    answer="one row with `ts` and `value` (e.g. the Row that .one() returns)",
)
def newest_from_an_ascending_table(answer):
    """The newest DE wind row of nb10_live.generation_asc (2016-10-16 to 2016-10-18)."""
    if isinstance(answer, list | tuple) and not hasattr(answer, "ts"):
        raise Hint("Answer one row, not a list of rows: .one() of the result, or its first row.")
    wind = _wind_replay()
    ts = pd.Timestamp(answer.ts if hasattr(answer, "ts") else answer["ts"]).tz_localize(None)
    if ts == wind["ts"].iloc[0]:
        raise Hint("That is the oldest row: the table is ascending, so ask for the rows in the other order.")
    if ts != wind["ts"].iloc[-1]:
        raise Hint("Not the newest row: read the whole partition in descending order of ts and keep one row.")
    value = answer.value if hasattr(answer, "value") else answer["value"]
    if abs(float(value) - wind["value"].iloc[-1]) > 0.05:
        raise Hint("The newest instant, but not DE wind's value: is it the wind partition (type = 'wind')?")


def _daily_solar() -> list[tuple]:
    frame = _de("2016-10-01", "2016-10-17")
    solar = frame[frame["type"] == "solar"]
    energy = (solar["value"] * 0.25).groupby(solar["ts"].dt.date).sum()
    days = [d for d in sorted(energy.index, reverse=True) if d < dt.date(2016, 10, 16)][:7]
    return [(d, float(energy[d])) for d in days]


def _daily_wind() -> list[tuple]:
    frame = _de("2016-10-01", "2016-10-17")
    wind = frame[frame["type"] == "wind"]
    energy = (wind["value"] * 0.25).groupby(wind["ts"].dt.date).sum()
    return [(d, float(energy[d])) for d in sorted(energy.index, reverse=True) if d < dt.date(2016, 10, 16)][:7]


@exercise(
    "10.2",
    wrong=[lambda: list(reversed(_daily_solar())), _daily_wind, lambda: _daily_solar()[:6], lambda: []],
    answer="a list of (day, energy_mwh) pairs, day a datetime.date, newest first",
)
def seven_days_of_solar(answer):
    """The 7 days of DE solar before 2016-10-16 from generation_daily, newest first: (day, energy_mwh)."""
    expected = _daily_solar()
    pairs = [(d.date() if isinstance(d, dt.datetime) else d, float(e)) for d, e in answer]
    if len(pairs) != len(expected):
        raise Hint(f"{len(pairs)} days, not 7: LIMIT counts rows, and each row is one day.")
    if [d for d, _ in pairs] == [d for d, _ in reversed(expected)]:
        raise Hint("Oldest first: which way is generation_daily clustered, and which rows does LIMIT keep?")
    if [d for d, _ in pairs] != [d for d, _ in expected]:
        raise Hint("Not the right days: the 7 days strictly before 2016-10-16, newest first.")
    if any(abs(e - want) > 0.01 for (_, e), (_, want) in zip(pairs, expected)):
        raise Hint("Right days, wrong energies: is it the solar partition (type = 'solar', region = 'DE')?")


def _hourly_wind_18th(scale: float = 1.0, shift_hours: int = 0) -> pd.Series:
    wind = _wind_replay()
    day = wind[wind["ts"].dt.date == dt.date(2016, 10, 18)]
    energy = (day["value"] * 0.25 * scale).groupby(day["ts"].dt.floor("h")).sum()
    energy.index = energy.index + pd.Timedelta(hours=shift_hours)
    return energy


@exercise(
    "10.3",
    wrong=[
        lambda: _hourly_wind_18th(scale=4.0),
        lambda: _hourly_wind_18th(shift_hours=2),
        lambda: _hourly_wind_18th().iloc[:23],
        lambda: _hourly_wind_18th(scale=1.01),
    ],
    answer="a pandas Series of MWh indexed by the hour (its start, a timestamp)",
)
def live_hourly_energy(answer):
    """DE wind's hourly energy (MWh) on 2016-10-18 from the live table, indexed by the hour."""
    expected = _hourly_wind_18th()
    mine = pd.Series(answer).astype(float)
    index = pd.DatetimeIndex(mine.index)
    mine.index = index.tz_convert(None) if index.tz is not None else index
    if len(mine) != 24:
        raise Hint(f"{len(mine)} hours, not 24: group the readings of 2016-10-18 by the start of their UTC hour.")
    if not mine.index.equals(expected.index):
        raise Hint("The hours are not the UTC hours of 2016-10-18: floor each ts to the hour, in UTC.")
    ratio = (mine / expected).median()
    if abs(ratio - 4.0) < 0.01:
        raise Hint("Four times too large: each reading is the mean MW over 15 minutes, worth MW × 0.25 MWh.")
    if (mine - expected).abs().max() > 0.01:
        raise Hint("The energies differ from the rollup's: sum value × 0.25 over the four readings of each hour.")


@lru_cache(maxsize=1)
def _amprion_at_three() -> pd.Series:
    """Amprion wind's curve row for its stations' reading at 2016-10-17 15:00 (expected_mw, spread_mw)."""
    from helpers.alerts.curve import area_readings, bins, default_curve

    readings = area_readings("2016-10-17 15:00", "2016-10-17 16:00")
    reading = readings[(readings["region"] == "amprion") & (readings["type"] == "wind")].reset_index(drop=True)
    curve = default_curve()
    row = curve[(curve["region"] == "amprion") & (curve["type"] == "wind") & (curve["bin"] == bins(reading)[0])]
    return row.iloc[0]


def _outage_z(sign: float = -1.0, spread: bool = True) -> float:
    row = _amprion_at_three()
    return sign * row["expected_mw"] / (row["spread_mw"] if spread else 1.0)


@exercise(
    "10.4",
    wrong=[lambda: _outage_z(sign=1.0), lambda: _outage_z(spread=False), lambda: -3.5, lambda: "no"],
    answer="a number: the z an outage (value 0) would score",
)
def outage_at_three(answer):
    """The z of a silent Amprion wind feed at 2016-10-17 15:00: (0 - expected_mw) / spread_mw."""
    if isinstance(answer, bool) or not isinstance(answer, int | float):
        raise Hint("Answer the z itself, a number: (0 - expected_mw) / spread_mw from the scored row.")
    expected = _outage_z()
    if abs(answer + expected) < 0.01:
        raise Hint("The right size, the wrong sign: an outage reports less than expected, so its z is negative.")
    if abs(answer - _outage_z(spread=False)) < 1.0:
        raise Hint("That is a difference in MW: divide it by the spread (spread_mw) to make it a z.")
    if abs(answer - expected) > 0.01:
        raise Hint("Not the z of that quarter-hour: the row of region 'amprion', type 'wind', ts '2016-10-17 15:00'.")
