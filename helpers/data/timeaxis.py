"""UTC time axes: parsing dates, regular grids, and ISO 8601 text."""
from __future__ import annotations

import numpy as np
import pandas as pd


def utc(value) -> pd.Timestamp:
    """A date or timestamp (string, datetime, Timestamp) as a UTC Timestamp; naive means UTC."""
    stamp = pd.Timestamp(value)
    return stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp.tz_convert("UTC")


def grid(start, end, freq: str) -> pd.DatetimeIndex:
    """Regular UTC timestamps from start (inclusive) to end (exclusive): no DST gaps or repeats."""
    return pd.date_range(utc(start), utc(end), freq=freq, inclusive="left")


def epoch_seconds(times: pd.DatetimeIndex) -> np.ndarray:
    """Seconds since 1970-01-01T00:00Z as float64, the unit the physical models take."""
    return times.as_unit("ns").asi8 / 1e9


def iso_text(times: pd.DatetimeIndex) -> np.ndarray:
    """ISO 8601 text with a ``Z`` suffix, e.g. ``2016-06-21T12:00:00Z``."""
    naive = times.tz_convert("UTC").tz_localize(None).values
    return np.datetime_as_string(naive, unit="s", timezone="UTC")


def month_windows(start: pd.Timestamp, end: pd.Timestamp) -> list[tuple[pd.Timestamp, pd.Timestamp]]:
    """[start, end) cut at the first of each month: the chunks in which data is produced."""
    cuts = [start, *pd.date_range(start, end, freq="MS", inclusive="neither"), end]
    return list(zip(cuts[:-1], cuts[1:]))
