"""helpers.spark.forecast_scores: both losses, the domain baselines and intervals that decide the claims."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from helpers.spark import forecast_scores as fs


def _frame(days: int = 60, seed: int = 1) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    hours = pd.date_range("2016-03-01", periods=days * 24, freq="h")
    actual = 1000 + 500 * np.sin(np.arange(len(hours)) / 7)
    return pd.DataFrame(
        {
            "type": "wind",
            "hour": hours,
            "actual": actual,
            "sharp": actual + rng.normal(0, 50, len(hours)),
            "blunt": actual + rng.normal(0, 200, len(hours)),
            "blunt again": actual + rng.normal(0, 200, len(hours)),
        }
    )


def test_mae_and_rmse_side_by_side():
    frame = pd.DataFrame(
        {
            "type": "wind",
            "hour": pd.date_range("2016-01-01", periods=4, freq="h"),
            "actual": [0.0, 0.0, 0.0, 0.0],
            "f": [1.0, -1.0, 3.0, -3.0],
        }
    )
    row = fs.errors(frame, ["f"]).loc[("wind", "f")]
    assert row["MAE"] == 2.0 and row["RMSE"] == pytest.approx(np.sqrt(5.0))


def test_the_interval_says_better_only_when_it_excludes_zero():
    frame = _frame()
    table = fs.skill_table(frame, "sharp", {"wind": ["blunt"]})
    assert set(table["the interval says"]) == {"better"}
    skill, low, high = fs.skill_with_interval(frame, "blunt again", "blunt")
    assert low < 0 < high and abs(skill) < 0.1
    assert fs.skill_with_interval(frame, "blunt again", "blunt") == (skill, low, high), "a fixed seed"


def test_climatology_is_the_training_mean_by_month_and_hour():
    frame = _frame(days=10)
    train, test = frame.iloc[: 24 * 7], frame.iloc[24 * 7 :]
    expected = train.assign(h=train["hour"].dt.hour).groupby("h")["actual"].mean()
    got = fs.climatology(train, test)
    assert got.index.equals(test.index)
    assert np.allclose(got.to_numpy(), test["hour"].dt.hour.map(expected).to_numpy())


def test_smart_persistence_scales_todays_clear_sky_by_yesterdays_index():
    hours = pd.date_range("2016-06-01", periods=72, freq="h")
    clear = pd.DataFrame({"hour": hours, "clear": np.clip(np.sin((hours.hour - 6) / 12 * np.pi), 0, None) * 800})
    k = np.repeat([10.0, 20.0, 30.0], 24)
    solar = pd.DataFrame({"hour": hours, "actual": clear["clear"].to_numpy() * k})
    forecast = fs.smart_persistence(solar, clear)
    assert forecast.iloc[:24].isna().all()
    assert np.allclose(forecast.iloc[24:48], clear["clear"].iloc[24:48] * 10.0)
    assert np.allclose(forecast.iloc[48:], clear["clear"].iloc[48:] * 20.0)


def test_nmae_and_error_by_hour_of_day():
    frame = _frame(days=5)
    share = fs.nmae(frame, ["sharp"], {"wind": 10_000.0})
    assert share.loc["wind", "sharp"] == pytest.approx(fs.errors(frame, ["sharp"]).loc[("wind", "sharp"), "MAE"] / 100)
    hourly = fs.by_hour_of_day(frame, ["sharp", "blunt"])
    assert hourly.shape == (24, 2) and (hourly["blunt"].mean() > hourly["sharp"].mean())
