"""The day-ahead forecast's plumbing: which days are held out, the clear-sky irradiance, the scores.

A forecast is issued at midnight UTC for the 24 hours of the day that starts then. With one year of
data a chronological split would train on winter and test on summer; instead every fourth week is
held out (weeks of the year numbered from 1 January, :data:`TEST_BLOCK`), and the days next to a test
week are used neither for training nor for testing, so that no training day sees a test day's values.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from helpers.data.geography import SOLAR_CENTRES
from helpers.data.sun import clear_sky_irradiance, solar_elevation
from helpers.data.timeaxis import epoch_seconds, grid

BLOCKS = 4
TEST_BLOCK = 3
"""Weeks of the year (0, 1, 2, ...) with week % BLOCKS == TEST_BLOCK are the test weeks."""


def week_block(days: pd.Series) -> pd.Series:
    """The block (0-3) of each day: its week of the year (from 1 January) modulo 4."""
    return ((pd.to_datetime(days).dt.dayofyear - 1) // 7) % BLOCKS


def split(days: pd.Series) -> pd.Series:
    """'test' for days of the test weeks, 'gap' for the days next to them, 'train' for the others."""
    days = pd.to_datetime(days)
    one = pd.Timedelta(days=1)
    test = week_block(days) == TEST_BLOCK
    near = (week_block(days + one) == TEST_BLOCK) | (week_block(days - one) == TEST_BLOCK)
    return pd.Series(np.where(test, "test", np.where(near, "gap", "train")), index=days.index)


def clear_sky_hours(start, end) -> pd.DataFrame:
    """Hourly clear-sky irradiance (W/m²) averaged over the four solar fleets' centres: hour (UTC), clear.

    Astronomy, known years ahead: a legitimate input to a forecast.
    """
    hours = grid(start, end, "h")
    t = epoch_seconds(hours) + 1800.0
    elevation = solar_elevation(t[:, None], SOLAR_CENTRES[:, 0], SOLAR_CENTRES[:, 1])
    return pd.DataFrame({"hour": hours.tz_localize(None), "clear": clear_sky_irradiance(elevation).mean(axis=1)})


def scores(frame: pd.DataFrame, forecasts: list[str], baselines: list[str]) -> pd.DataFrame:
    """MAE (MWh per hour) of each forecast column against ``actual``, per type, and the skill score of each
    forecast against each baseline: 1 - MAE(forecast) / MAE(baseline) (0: no better, 1: perfect)."""
    rows = []
    for kind, part in frame.groupby("type", sort=True):
        mae = {name: float(np.mean(np.abs(part["actual"] - part[name]))) for name in forecasts + baselines}
        row = {"type": kind, **{f"MAE {name}": round(mae[name]) for name in forecasts + baselines}}
        for name in forecasts:
            for baseline in baselines:
                row[f"skill vs {baseline}"] = round(1 - mae[name] / mae[baseline], 3)
        rows.append(row)
    return pd.DataFrame(rows).set_index("type")
