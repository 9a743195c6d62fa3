"""Weather stations: readings consistent with the generation, irradiance only by day, seasons."""

import numpy as np
import pandas as pd
import pytest

from helpers.data.generation import generate
from helpers.data.sun import solar_elevation
from helpers.data.weather import COLUMNS, stations, weather


@pytest.fixture(scope="module")
def winter() -> pd.DataFrame:
    return weather("2016-01-01", "2016-03-01")


def test_stations_cover_germany():
    table = stations()
    assert list(table.columns) == ["id", "name", "lat", "lon"]
    assert len(table) >= 20 and table["id"].is_unique
    assert table["lat"].between(47.2, 55.1).all() and table["lon"].between(5.8, 15.1).all()


def test_one_hourly_row_per_station(winter):
    assert tuple(winter.columns) == COLUMNS
    hours = pd.date_range("2016-01-01", "2016-03-01", freq="h", inclusive="left", tz="UTC")
    assert len(winter) == len(hours) * len(stations())
    assert (winter.groupby("station_id", observed=True).size() == len(hours)).all()
    assert (winter["wind_speed"] >= 0).all() and (winter["irradiance"] >= 0).all()


def test_windy_hours_in_the_north_give_wind_power_there(winter):
    table = stations()
    north = table.loc[table["lat"] > 52.5, "id"]
    north_speed = winter[winter["station_id"].isin(north)].groupby("ts")["wind_speed"].mean()
    generation = generate("2016-01-01", "2016-03-01")
    northern_areas = generation[(generation["type"] == "wind") & generation["region"].isin(["tennet", "50hertz"])]
    north_power = northern_areas.groupby("ts")["value"].sum().resample("h").mean()
    assert np.corrcoef(north_speed, north_power.loc[north_speed.index])[0, 1] > 0.8


def test_irradiance_is_zero_at_night():
    summer = weather("2016-06-20", "2016-06-23").merge(stations(), left_on="station_id", right_on="id")
    middle_of_hour = summer["ts"].astype("int64") / 1e9 + 1800
    elevation = solar_elevation(middle_of_hour, summer["lat"], summer["lon"])
    assert (summer.loc[elevation < 0, "irradiance"] == 0).all()
    assert summer.loc[elevation > 50, "irradiance"].min() > 150  # even under thick clouds
    assert summer["irradiance"].max() > 700


def test_temperature_has_seasons_and_days(winter):
    july = weather("2016-07-01", "2016-08-01")
    assert july["temperature"].mean() > winter["temperature"].mean() + 10
    hour = july["ts"].dt.hour
    assert july.loc[hour == 13, "temperature"].mean() > july.loc[hour == 3, "temperature"].mean() + 4


def test_same_seed_same_readings_whatever_the_window(winter):
    week = weather("2016-02-01", "2016-02-08")
    inside = winter[(winter["ts"] >= week["ts"].min()) & (winter["ts"] <= week["ts"].max())]
    pd.testing.assert_frame_equal(week, inside.reset_index(drop=True))
