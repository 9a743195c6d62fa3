"""Judging a day-ahead forecast the way a forecaster would: both losses, the domain's baselines, intervals.

- MAE and RMSE side by side (a model fitted by least squares minimises the squared error: judge it on
  RMSE too, not on MAE alone);
- baselines: persistence and seasonal naive (the lesson's), climatology (the training days' mean by month
  and hour of day; with one year of data, the same year's other days, not the many past years a real
  climatology averages) and smart persistence for solar (yesterday's clear-sky index times today's clear-sky
  curve);
- skill 1 - error(forecast) / error(baseline), with a 95 % interval from a day-block bootstrap (whole days
  resampled, 1,000 times, a fixed seed): an interval that contains 0 supports neither "beats" nor "loses";
- nMAE, the MAE as a share of installed capacity, and the error by hour of day (solar's nights are zero
  for every forecast: they shrink its MAE and say nothing).

Frames: one row per forecast hour with columns type, hour, actual and one column per forecast.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

RESAMPLES, SEED = 1000, 2016


def errors(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """MAE and RMSE (MWh per hour) of each forecast column against ``actual``, per type."""
    rows = []
    for kind, part in frame.groupby("type", sort=True):
        for name in columns:
            miss = part["actual"] - part[name]
            rows.append(
                {
                    "type": kind,
                    "forecast": name,
                    "MAE": float(miss.abs().mean()),
                    "RMSE": float(np.sqrt((miss**2).mean())),
                }
            )
    return pd.DataFrame(rows).set_index(["type", "forecast"])


def _day_sums(part: pd.DataFrame, column: str) -> tuple[np.ndarray, np.ndarray]:
    """Per day: the sum of absolute errors and the sum of squared errors of ``column``."""
    miss = (part["actual"] - part[column]).to_numpy()
    days = pd.to_datetime(part["hour"]).dt.floor("D").to_numpy()
    frame = pd.DataFrame({"day": days, "abs": np.abs(miss), "sq": miss**2}).groupby("day").sum()
    return frame["abs"].to_numpy(), frame["sq"].to_numpy()


def _skill(forecast: np.ndarray, baseline: np.ndarray, metric: str) -> np.ndarray:
    """Skill from per-day error sums (rows: resamples); RMSE skill from the ratio of squared sums."""
    ratio = forecast.sum(axis=-1) / baseline.sum(axis=-1)
    return 1 - (np.sqrt(ratio) if metric == "RMSE" else ratio)


def skill_with_interval(
    part: pd.DataFrame, forecast: str, baseline: str, metric: str = "MAE", resamples: int = RESAMPLES, seed: int = SEED
) -> tuple[float, float, float]:
    """(skill, 2.5 % and 97.5 % bounds) of ``forecast`` against ``baseline`` on ``part`` (one type), the
    interval from resampling whole days with replacement."""
    which = 0 if metric == "MAE" else 1
    mine, theirs = _day_sums(part, forecast)[which], _day_sums(part, baseline)[which]
    picks = np.random.default_rng(seed).integers(len(mine), size=(resamples, len(mine)))
    resampled = _skill(mine[picks], theirs[picks], metric)
    low, high = np.percentile(resampled, [2.5, 97.5])
    return float(_skill(mine, theirs, metric)), float(low), float(high)


def skill_table(frame: pd.DataFrame, forecast: str, baselines: dict[str, list[str]]) -> pd.DataFrame:
    """Per type and baseline (``baselines``: type -> its baselines), MAE and RMSE skill with 95 % intervals,
    and what the interval supports: 'better', 'worse' or 'no difference shown'."""
    rows = []
    for kind, part in frame.groupby("type", sort=True):
        for baseline in baselines[kind]:
            for metric in ("MAE", "RMSE"):
                skill, low, high = skill_with_interval(part, forecast, baseline, metric)
                verdict = "better" if low > 0 else "worse" if high < 0 else "no difference shown"
                rows.append((kind, baseline, metric, round(skill, 3), round(low, 3), round(high, 3), verdict))
    columns = ["type", "baseline", "metric", "skill", "low", "high", "the interval says"]
    return pd.DataFrame(rows, columns=columns).set_index(["type", "baseline", "metric"])


def climatology(train: pd.DataFrame, test: pd.DataFrame) -> pd.Series:
    """For each test row, the training rows' mean ``actual`` of its type, month and hour of day."""
    key = ["type", "month", "hour of day"]

    def keyed(frame: pd.DataFrame) -> pd.DataFrame:
        hours = pd.to_datetime(frame["hour"])
        return frame.assign(month=hours.dt.month, **{"hour of day": hours.dt.hour})

    means = keyed(train).groupby(key, observed=True)["actual"].mean().rename("climatology")
    return keyed(test).join(means, on=key)["climatology"].set_axis(test.index)


def smart_persistence(solar: pd.DataFrame, clear: pd.DataFrame) -> pd.Series:
    """Day-ahead smart persistence for solar: today's clear-sky curve scaled by yesterday's clear-sky index
    (yesterday's energy / yesterday's clear-sky irradiance sum). ``solar`` has hour and actual, ``clear``
    has hour and clear (W/m², e.g. forecast.clear_sky_hours)."""
    frame = solar[["hour", "actual"]].merge(clear, on="hour", how="left").set_index(solar.index)
    day = pd.to_datetime(frame["hour"]).dt.floor("D")
    daily = frame.groupby(day)[["actual", "clear"]].sum()
    index = (daily["actual"] / daily["clear"]).shift(1, freq="D")
    return frame["clear"] * day.map(index)


def nmae(frame: pd.DataFrame, columns: list[str], capacity_mw: dict[str, float]) -> pd.DataFrame:
    """MAE as % of installed capacity (``capacity_mw``: type -> MW), per type and forecast."""
    table = errors(frame, columns)["MAE"].unstack("forecast")
    return table.div(pd.Series(capacity_mw), axis=0) * 100


def by_hour_of_day(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """MAE per type and UTC hour of day, one column per forecast."""
    hour = pd.to_datetime(frame["hour"]).dt.hour.rename("hour of day")
    misses = {name: (frame["actual"] - frame[name]).abs() for name in columns}
    return pd.DataFrame(misses).groupby([frame["type"], hour]).mean()
