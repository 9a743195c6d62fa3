"""Weather stations: readings consistent with the generation but with errors of their own (a point
against an area, the sensor), irradiance only by day, seasons."""

import numpy as np
import pandas as pd
import pytest

from helpers.data.generation import DEFAULT_SEED, generate
from helpers.data.geography import WIND_CENTRES, distance_km, inverse_distance_weights
from helpers.data.latent import latent_weather
from helpers.data.sun import clear_sky_irradiance, solar_elevation
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


def _stations_mix_of_latent_wind(frame: pd.DataFrame) -> pd.DataFrame:
    """The wind speed each station would read without errors of its own: its mix of the areas' latent speeds."""
    table = stations()
    hours = pd.DatetimeIndex(frame["ts"].unique())
    latent = latent_weather(hours[0], hours[-1], DEFAULT_SEED)
    mix = inverse_distance_weights(table[["lat", "lon"]].to_numpy(), WIND_CENTRES)
    speeds = latent.at("wind_speed", hours.as_unit("ns").asi8 / 1e9 + 1800) @ mix.T
    return pd.DataFrame(speeds, index=hours, columns=table["id"])


def test_station_wind_has_errors_of_its_own_persistent_and_of_realistic_size(winter):
    readings = winter.pivot(index="ts", columns="station_id", values="wind_speed")
    truth = _stations_mix_of_latent_wind(winter)[readings.columns]
    log_error = np.log((readings + 0.5) / (truth + 0.5))
    assert 0.12 <= log_error.std().median() <= 0.3  # a point against an area: 1-2 m/s at 6-8 m/s
    assert readings.corrwith(truth).between(0.8, 0.97).all()  # related, not the same
    lag1 = log_error.apply(lambda column: column.autocorr(1))
    assert (lag1 > 0.5).all()  # departures last hours, they are not white noise
    means = readings.mean() / truth.mean()
    assert means.std() > 0.02  # stations read high or low all year (exposure)


def test_neighbours_share_their_errors_distant_stations_do_not(winter):
    readings = winter.pivot(index="ts", columns="station_id", values="wind_speed")
    log_error = np.log((readings + 0.5) / (_stations_mix_of_latent_wind(winter)[readings.columns] + 0.5))
    table = stations().set_index("id").loc[readings.columns]
    km = distance_km(table[["lat", "lon"]].to_numpy(), table[["lat", "lon"]].to_numpy())
    correlation = log_error.corr().to_numpy()
    pairs = np.triu(np.ones_like(km, dtype=bool), k=1)
    assert correlation[pairs & (km < 150)].mean() > 0.3
    assert abs(correlation[pairs & (km > 500)].mean()) < 0.1


def test_a_power_curve_from_stations_explains_most_but_not_all_of_the_output(winter):
    """A binned power curve from three coastal stations to TenneT's wind output: R² realistic, not ~1."""
    speed = winter[winter["station_id"].isin(["BRE", "HAM", "EMD"])].groupby("ts")["wind_speed"].mean()
    generation = generate("2016-01-01", "2016-03-01")
    tennet = generation[(generation["type"] == "wind") & (generation["region"] == "tennet")]
    power = tennet.set_index("ts")["value"].resample("h").mean().loc[speed.index]
    expected = power.groupby(np.round(speed * 2) / 2).transform("mean")
    r2 = 1 - ((power - expected) ** 2).mean() / power.var()
    assert 0.6 < r2 < 0.93


def test_station_irradiance_sees_its_own_clouds(winter):
    """The clear-sky index of a station scatters around that of its mix of the areas' cloud cover."""
    summer = weather("2016-06-01", "2016-07-01").merge(stations(), left_on="station_id", right_on="id")
    t = summer["ts"].astype("int64") / 1e9 + 1800
    clear = clear_sky_irradiance(solar_elevation(t, summer["lat"], summer["lon"]))
    day = clear > 300
    index = summer.loc[day, "irradiance"] / clear[day]
    assert index.between(0.2, 1.1).all()
    assert index.std() > 0.15
