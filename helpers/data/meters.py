"""Smart-meter readings at scale: the power drawn by the production lines of factories.

Each meter reads a line's consumption in kW every minute or every 15 minutes. A line runs
at its rated power (with a daily level and noise) while its shift pattern is on, idles at
a base load otherwise (nights, weekends, public holidays), and now and then loses power
or its meter for a few hours (zero readings). Shifts follow local time (Europe/Berlin);
timestamps are UTC.

Data comes in chunks of one UTC day and at most :data:`BLOCK` meters, so that memory stays
bounded for any number of rows. Each chunk has its own random streams, drawn meter by
meter, so a meter's readings do not depend on how many days or meters are asked for.
Within a chunk rows are ordered by timestamp, then meter.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import numpy as np
import pandas as pd

from .generation import DEFAULT_SEED
from .stochastic import Stream, rng
from .timeaxis import grid, utc

INTERVALS = {"1min": 1440, "15min": 96}
"""Readings a day for each supported interval."""
SHIFT_PATTERNS = {"1-shift": (6, 14), "2-shift": (6, 22), "3-shift": (0, 24)}
"""Local hours [from, to) in which a line runs on working days (Monday to Friday)."""
BLOCK = 1000
TIME_ZONE = "Europe/Berlin"
BASE_LOAD = 0.08
"""Idle consumption as a fraction of rated power (lighting, compressors, standby)."""
OUTAGE_PROBABILITY = 1 / 40
"""Chance that a meter has an outage on a given day; it lasts one to eight hours."""


def meters_table(count: int, seed: int = DEFAULT_SEED) -> pd.DataFrame:
    """The meters: meter_id, factory, line, shift_pattern, rated_kw. A factory has 1-8 lines and one shift pattern.

    The first meters are the same whatever the count: each attribute has its own random stream.
    """
    streams = [rng(seed, Stream.METERS_TABLE, attribute) for attribute in range(3)]
    factory_sizes = streams[0].integers(1, 9, size=count)  # more than enough factories
    factory = np.repeat(np.arange(count), factory_sizes)[:count]
    line = np.arange(count) - np.searchsorted(factory, factory) + 1
    pattern = streams[1].choice(list(SHIFT_PATTERNS), size=count, p=[0.3, 0.4, 0.3])[factory]
    rated_kw = 150.0 * np.exp(0.6 * streams[2].standard_normal(count))
    width = max(6, len(str(count)))
    return pd.DataFrame(
        {
            "meter_id": [f"meter-{i:0{width}d}" for i in range(1, count + 1)],
            "factory": [f"factory-{f + 1:0{width}d}" for f in factory],
            "line": line,
            "shift_pattern": pattern,
            "rated_kw": np.round(rated_kw, 1),
        }
    )


def meter_rows(meters: int, days: int, interval: str) -> int:
    """How many readings :func:`meter_chunks` produces."""
    return meters * days * INTERVALS[interval]


def meter_chunks(
    meters: int,
    days: int,
    interval: str = "15min",
    seed: int = DEFAULT_SEED,
    start="2016-01-01",
    holidays: bool = True,
) -> Iterator[pd.DataFrame]:
    """Readings ``ts,meter_id,value`` (kW) of ``meters`` meters for ``days`` days from ``start`` (UTC)."""
    if interval not in INTERVALS:
        raise ValueError(f"interval must be one of {list(INTERVALS)}, got {interval!r}")
    if meters < 1 or days < 1:
        raise ValueError(f"need at least one meter and one day, got {meters} meters, {days} days")
    table = meters_table(meters, seed)
    first_day = utc(start).normalize()
    for day in range(days):
        day_start = first_day + pd.Timedelta(days=day)
        times = grid(day_start, day_start + pd.Timedelta(days=1), interval)
        running = _running_by_pattern(times, holidays)
        for block_start in range(0, meters, BLOCK):
            block = table.iloc[block_start : block_start + BLOCK]
            chunk = (seed, Stream.METER_READINGS, first_day.toordinal() + day, block_start // BLOCK)
            values = _readings(times, running[:, block["shift_pattern"].map(_PATTERN_INDEX)], block, chunk)
            yield pd.DataFrame(
                {
                    "ts": times.repeat(len(block)),
                    "meter_id": pd.Categorical.from_codes(np.tile(np.arange(len(block)), len(times)), block["meter_id"]),
                    "value": values.reshape(-1),
                }
            )


_PATTERN_INDEX = {name: i for i, name in enumerate(SHIFT_PATTERNS)}


def _running_by_pattern(times: pd.DatetimeIndex, holidays: bool) -> np.ndarray:
    """Whether lines of each shift pattern (columns) run at each timestamp (rows)."""
    local = times.tz_convert(TIME_ZONE)
    hour = local.hour + local.minute / 60.0
    working = local.weekday < 5
    if holidays:
        closed = {d for year in set(local.year) for d in german_holidays(year)}
        working &= ~np.isin(local.date, list(closed))
    return np.column_stack([working & (hour >= h0) & (hour < h1) for h0, h1 in SHIFT_PATTERNS.values()])


def _readings(times: pd.DatetimeIndex, running: np.ndarray, block: pd.DataFrame, chunk: tuple) -> np.ndarray:
    """kW per timestamp (rows) and meter (columns), one decimal; ``chunk`` labels the random streams."""
    gauss = rng(*chunk, 0).standard_normal((len(block), 1 + len(times)))  # one row per meter
    uniform = rng(*chunk, 1).random((len(block), 3))
    daily_level = np.clip(0.8 + 0.1 * gauss[:, 0], 0.5, 1.0)
    noise = gauss[:, 1:].T
    load = np.where(running, daily_level * (1.0 + 0.05 * noise), BASE_LOAD * (1.0 + 0.1 * noise))
    minute = (times - times[0]).total_seconds().to_numpy()[:, None] / 60.0
    begin, length = 1440.0 * uniform[:, 1], 60.0 + 420.0 * uniform[:, 2]
    outage = (uniform[:, 0] < OUTAGE_PROBABILITY) & (minute >= begin) & (minute < begin + length)
    load[outage] = 0.0
    return np.round(np.maximum(load, 0.0) * block["rated_kw"].to_numpy(), 1)


def german_holidays(year: int) -> list[dt.date]:
    """Public holidays observed in all German states."""
    easter = _easter_sunday(year)
    return [
        dt.date(year, 1, 1),
        easter - dt.timedelta(days=2),
        easter + dt.timedelta(days=1),
        dt.date(year, 5, 1),
        easter + dt.timedelta(days=39),
        easter + dt.timedelta(days=50),
        dt.date(year, 10, 3),
        dt.date(year, 12, 25),
        dt.date(year, 12, 26),
    ]


def _easter_sunday(year: int) -> dt.date:
    """Easter Sunday in the Gregorian calendar (the anonymous algorithm, Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)
