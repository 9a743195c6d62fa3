"""Checks of lesson 09 (analytics). The references are computed from the generator itself (same seed as
the default dataset), so the checks need no server."""

from __future__ import annotations

import datetime as dt
import importlib
import numbers
from functools import lru_cache

import numpy as np
import pandas as pd

from helpers.course.checks import Hint, exercise
from helpers.data.generation import generate
from helpers.load.default import DEFAULT_END, DEFAULT_START
from helpers.spark.anomalies import MADE_BY, events
from helpers.spark.forecast import TEST_BLOCK, week_block

AREAS = ("50hertz", "amprion", "tennet", "transnetbw")


@lru_cache(maxsize=1)
def _rows() -> pd.DataFrame:
    return generate(DEFAULT_START, DEFAULT_END)


@lru_cache(maxsize=8)
def _hourly(region: str = "DE") -> pd.DataFrame:
    """A region's hourly energy in MWh per type (columns solar, wind), index the UTC hour (naive)."""
    rows = _rows()
    one = rows[rows["region"] == region]
    hourly = one.groupby(["type", one["ts"].dt.floor("h")], observed=True)["value"].sum() * 0.25
    frame = hourly.unstack("type")
    frame.index = frame.index.tz_localize(None)
    return frame


def _de_hourly() -> pd.DataFrame:
    """DE's hourly energy in MWh per type (columns solar, wind), index the UTC hour (naive)."""
    return _hourly("DE")


@lru_cache(maxsize=1)
def _de_daily() -> pd.DataFrame:
    rows = _rows()
    de = rows[rows["region"] == "DE"]
    day = de["ts"].dt.floor("D").dt.date
    grouped = de.groupby(["type", day], observed=True)["value"]
    return pd.DataFrame({"energy_mwh": grouped.sum() * 0.25, "peak_mw": grouped.max()})


def _truth_09_1() -> dict:
    daily = _de_daily()
    twh = daily["energy_mwh"].groupby(level="type", observed=True).sum() / 1e6
    windiest = daily.loc["wind", "peak_mw"].idxmax()
    return {"solar_twh": float(twh["solar"]), "wind_twh": float(twh["wind"]), "windiest_day": windiest}


def _wrong_09_1(scale: float = 1.0, by_energy: bool = False) -> dict:
    truth = _truth_09_1()
    daily = _de_daily()
    day = daily.loc["wind", "energy_mwh"].idxmax() if by_energy else truth["windiest_day"]
    return {"solar_twh": truth["solar_twh"] * scale, "wind_twh": truth["wind_twh"] * scale, "windiest_day": day}


@exercise(
    "09.1",
    wrong=[
        lambda: _wrong_09_1(scale=4.0),
        lambda: _wrong_09_1(scale=1e6),
        lambda: _wrong_09_1(scale=2.0),
        lambda: _wrong_09_1(by_energy=True),
    ],
    answer="a dict {'solar_twh': a number, 'wind_twh': a number, 'windiest_day': a datetime.date}",
)
def de_energy_from_the_daily_rollup(answer):
    """DE's 2016 TWh per type and the day of the highest wind peak, from generation_daily."""
    truth = _truth_09_1()
    for key in ("solar_twh", "wind_twh"):
        value = float(answer[key])
        ratio = value / truth[key]
        if abs(ratio - 4.0) < 0.05:
            raise Hint(f"{key} is four times too large: energy_mwh is already in MWh (the rollup multiplied by 0.25).")
        if abs(ratio - 2.0) < 0.05:
            raise Hint(f"{key} is twice too large: keep only region = 'DE'; the four control areas add up to it.")
        if abs(value - truth[key]) > 0.02:
            raise Hint(f"{key} is off: sum energy_mwh over the year for DE and that type; 1 TWh is 10⁶ MWh.")
    day = answer["windiest_day"]
    day = day.date() if isinstance(day, dt.datetime) else day
    if day != truth["windiest_day"]:
        raise Hint("windiest_day is not the day of the highest wind peak: order the DE wind days by peak_mw.")


@lru_cache(maxsize=1)
def _mean_wind_speed() -> pd.Series:
    weather = importlib.import_module("helpers.data.weather").weather(DEFAULT_START, DEFAULT_END)
    speed = weather.groupby("ts")["wind_speed"].mean()
    speed.index = speed.index.tz_localize(None)
    return speed


def _correlation(region: str) -> float:
    wind = _hourly(region)["wind"]
    return float(np.corrcoef(_mean_wind_speed().loc[wind.index], wind)[0, 1])


@lru_cache(maxsize=1)
def _truth_09_2() -> dict[str, float]:
    """One correlation per control area (DE's 0.93 is what lesson 07 prints: the sum hides the areas)."""
    return {area: _correlation(area) for area in AREAS}


@exercise(
    "09.2",
    answer="a dict {control area: correlation} for the four areas",
    wrong=[
        lambda: {area: _correlation("DE") for area in AREAS},
        lambda: {**_truth_09_2(), "transnetbw": 1.0},
        lambda: {**_truth_09_2(), "DE": _correlation("DE")},
        lambda: {area: -r for area, r in _truth_09_2().items()},
    ],
)
def station_wind_and_area_output(answer):
    """Correlation of the stations' mean wind speed with each control area's hourly wind output."""
    if not isinstance(answer, dict):
        raise Hint(f"Answer a dict: one correlation per control area ({', '.join(AREAS)}).")
    if set(answer) != set(AREAS):
        raise Hint(f"One correlation per control area: {', '.join(AREAS)} (not DE, their sum).")
    values = {}
    for area, r in answer.items():
        if isinstance(r, bool) or not isinstance(r, numbers.Real):
            raise Hint(f"The correlation of {area} is a number (F.corr gives a float).")
        values[area] = float(r)
    truth = _truth_09_2()
    if any(r < 0 for r in values.values()):
        raise Hint("A negative correlation: are both columns the ones you meant (wind speed, wind energy)?")
    if all(abs(r - _correlation("DE")) <= 0.003 for r in values.values()):
        raise Hint("Every area got Germany's correlation: keep each area's own rows and group by region.")
    off = sorted(area for area in AREAS if abs(values[area] - truth[area]) > 0.003)
    if off:
        raise Hint(
            f"Not the expected correlation for {', '.join(off)}: average wind_speed over all stations per hour, "
            "join on the hour with each area's wind rows of generation_hourly, then F.corr per region."
        )
    return (
        "each area follows the national mean wind less closely than Germany does, the small southern transnetbw least."
    )


def _sample_flags() -> pd.DataFrame:
    hours = pd.to_datetime(
        ["2016-03-01 10:00", "2016-03-01 11:00", "2016-03-01 12:00", "2016-03-01 15:00", "2016-03-02 00:00"]
    )
    flags = pd.DataFrame({"region": "tennet", "type": "wind", "hour": hours})
    other = pd.DataFrame({"region": "amprion", "type": "wind", "hour": pd.to_datetime(["2016-03-01 13:00"])})
    solar = pd.DataFrame({"region": "tennet", "type": "solar", "hour": pd.to_datetime(["2016-03-01 11:00"])})
    return pd.concat([flags, other, solar], ignore_index=True)


def _unmarked(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` without the helper's mark: events built by hand."""
    frame = frame.copy()
    frame.attrs = {}
    return frame


def _helper_events():
    flags = _sample_flags()
    return flags, events(flags)


def _every_hour_an_event():
    flags = _sample_flags()
    return flags, flags.assign(start=flags["hour"], end=flags["hour"], hours=1).drop(columns="hour")


def _across_series():
    flags = _sample_flags()
    merged = events(flags.assign(region="all", type="all"))
    return flags, _unmarked(merged)


def _end_exclusive():
    flags = _sample_flags()
    found = _unmarked(events(flags))
    return flags, found.assign(end=found["end"] + pd.Timedelta("1h"))


def _no_flags():
    empty = _sample_flags().iloc[0:0]
    return empty, _unmarked(events(empty))


def _canonical(frame: pd.DataFrame) -> list[tuple]:
    frame = frame[["region", "type", "start", "end", "hours"]].copy()
    for column in ("start", "end"):
        stamps = pd.to_datetime(frame[column])
        frame[column] = stamps.dt.tz_convert(None) if stamps.dt.tz is not None else stamps
    frame["hours"] = frame["hours"].astype(int)
    return sorted(frame.itertuples(index=False, name=None))


def _is_spark(frame) -> bool:
    return hasattr(frame, "_jdf")


def _from_spark(flags, mine):
    """pandas copies of the answer's frames. Spark events must come from a window (gaps and islands); pandas
    events must not be the lesson's helper `events()` (it marks its result), which would answer for you."""
    if _is_spark(mine):
        plan = mine._jdf.queryExecution().executedPlan().toString()
        if "Window" not in plan:
            raise Hint(
                "The events' plan has no Window: number the runs of each series with a window ordered by hour "
                "(lag, then a running sum), then group."
            )
        mine = mine.toPandas()
    elif isinstance(mine, pd.DataFrame) and MADE_BY in mine.attrs:
        raise Hint(
            "These events come from the lesson's helper events(): build them with Spark, a window per series "
            "ordered by hour (lag, then a running sum), then group."
        )
    if _is_spark(flags):
        flags = flags.toPandas()
    return flags, mine


@exercise(
    "09.3",
    wrong=[_no_flags, _every_hour_an_event, _across_series, _end_exclusive, _helper_events],
    answer=(
        "a pair (flagged hours, events) of DataFrames, the events with the columns region, type, start, end, hours"
    ),
)
def flagged_hours_to_events(answer):
    """(flagged hours, events): the events are the runs of consecutive flagged hours of each series."""
    if not isinstance(answer, tuple | list) or len(answer) != 2:
        raise Hint("Answer the pair (flagged hours, events): two DataFrames.")
    flags, mine = _from_spark(*answer)
    if len(flags) == 0 or not {"region", "type", "hour"} <= set(flags.columns):
        raise Hint(
            "Start from the flagged hours, scored.where(F.abs('z') > 5), with region, type and hour: "
            "the lesson's data has some."
        )
    missing = {"region", "type", "start", "end", "hours"} - set(mine.columns)
    if missing:
        raise Hint(f"The events need the columns region, type, start, end and hours; missing: {sorted(missing)}.")
    mine_rows, expected = _canonical(mine), _canonical(events(flags))
    if len(mine_rows) > len(expected):
        raise Hint("Too many events: consecutive flagged hours of one series should form a single event.")
    if len(mine_rows) < len(expected):
        raise Hint("Too few events: partition the window by region and type, so that series do not merge.")
    if mine_rows != expected:
        raise Hint("Right number of events, wrong spans: start and end are the first and the last flagged hour.")


def _test_days_mae(forecast: pd.Series) -> float:
    wind = _de_hourly()["wind"]
    test = week_block(pd.Series(wind.index.normalize(), index=wind.index)) == TEST_BLOCK
    errors = (wind - forecast).abs()[test & forecast.notna()]
    return float(errors.mean())


def _persistence_of(hour: int) -> pd.Series:
    wind = _de_hourly()["wind"]
    at_hour = wind[wind.index.hour == hour]
    by_day = pd.Series(at_hour.to_numpy(), index=at_hour.index.normalize() + pd.Timedelta(days=1))
    return pd.Series(by_day.reindex(wind.index.normalize()).to_numpy(), index=wind.index)


def _truth_09_4() -> float:
    return _test_days_mae(_persistence_of(11))


def _same_day_of(hour: int) -> pd.Series:
    """Persisting `hour` of the same day: a value not yet known at noon the day before."""
    wind = _de_hourly()["wind"]
    at_hour = wind[wind.index.hour == hour]
    by_day = pd.Series(at_hour.to_numpy(), index=at_hour.index.normalize())
    return pd.Series(by_day.reindex(wind.index.normalize()).to_numpy(), index=wind.index)


@exercise(
    "09.4",
    wrong=[
        lambda: _test_days_mae(_persistence_of(23)),
        lambda: _test_days_mae(_de_hourly()["wind"].shift(24)),
        lambda: float((_de_hourly()["wind"] - _persistence_of(11)).abs().mean()),
        lambda: _test_days_mae(_same_day_of(11)),
        lambda: _test_days_mae(_persistence_of(12)),
    ],
    answer="a number: the MAE in MWh per hour",
)
def noon_persistence_mae(answer):
    """MAE of persisting 11:00 of the day before, for DE wind on the test days."""
    value = float(answer)
    if abs(value - _test_days_mae(_persistence_of(23))) < 1.0:
        raise Hint("That is midnight persistence (23:00); the noon forecast can only persist the 11:00 value.")
    if abs(value - _test_days_mae(_de_hourly()["wind"].shift(24))) < 1.0:
        raise Hint("That is the same hour the day before; persist one value, 11:00 of the day before, for every hour.")
    if abs(value - _test_days_mae(_same_day_of(11))) < 1.0:
        raise Hint(
            "That persists 11:00 of the same day, which is not known yet at noon the day before: shift by a day."
        )
    if abs(value - _truth_09_4()) > 1.0:
        raise Hint(
            "Not the expected MAE: persist the 11:00 value of the day before, keep only the test days "
            "(block(day) == TEST_BLOCK) and DE wind."
        )
