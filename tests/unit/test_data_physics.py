"""The physical building blocks of the generator: sun position, irradiance, power curves, AR(1), capacity."""

import numpy as np
import pandas as pd
import pytest

from helpers.data.capacity import installed_mw
from helpers.data.power import CUT_IN, CUT_OUT, RATED, turbine_power, wind_fleet_output
from helpers.data.stochastic import ar1, rng
from helpers.data.sun import clear_sky_irradiance, cloud_transmission, solar_elevation


def _day(date: str, step="1min") -> pd.DatetimeIndex:
    return pd.date_range(date, periods=24 * 60, freq=step, tz="UTC")


def _noon(date: str, lat: float, lon: float) -> tuple[pd.Timestamp, float]:
    times = _day(date)
    elevation = solar_elevation(times.asi8 / 1e9, lat, lon)
    return times[elevation.argmax()], elevation.max()


def test_solar_noon_elevation_at_the_solstices():
    # at solar noon the elevation is 90 - latitude + declination (+-23.44 degrees at the solstices)
    _, summer = _noon("2016-06-21", 51.0, 10.0)
    _, winter = _noon("2016-12-21", 51.0, 10.0)
    assert summer == pytest.approx(90 - 51 + 23.44, abs=0.2)
    assert winter == pytest.approx(90 - 51 - 23.44, abs=0.2)


def test_solar_noon_follows_longitude_and_the_equation_of_time():
    # Berlin (13.4 E) on 3 November: 12:00 - 53.6 min (longitude) - 16.4 min (equation of time) = 10:50 UTC
    noon, _ = _noon("2016-11-03", 52.5, 13.4)
    assert abs(noon - pd.Timestamp("2016-11-03 10:50", tz="UTC")) <= pd.Timedelta(minutes=2)
    # Freiburg (7.85 E) in mid-February, equation of time -14 min: 12:00 - 31.4 + 14.2 = 11:43 UTC
    noon, _ = _noon("2016-02-12", 48.0, 7.85)
    assert abs(noon - pd.Timestamp("2016-02-12 11:43", tz="UTC")) <= pd.Timedelta(minutes=2)


def test_the_sun_is_down_at_midnight_and_irradiance_is_zero_then():
    midnight = pd.Timestamp("2016-06-21", tz="UTC").timestamp()
    elevation = solar_elevation(midnight, 51.0, 10.0)
    assert elevation < 0
    assert clear_sky_irradiance(elevation) == 0.0
    assert clear_sky_irradiance(90.0) == pytest.approx(1098 * np.exp(-0.057), rel=1e-9)


def test_clouds_dim_the_sun():
    cover = np.linspace(0, 1, 11)
    transmission = cloud_transmission(cover)
    assert transmission[0] == 1.0 and transmission[-1] == pytest.approx(0.25)
    assert np.all(np.diff(transmission) <= 0)


def test_turbine_power_curve():
    assert turbine_power(CUT_IN - 0.1) == 0.0
    assert 0.0 < turbine_power(8.0) < 0.5
    assert turbine_power(RATED) == 1.0 and turbine_power(CUT_OUT - 0.1) == 1.0
    assert turbine_power(CUT_OUT) == 0.0


def test_fleet_power_curve_is_smooth_and_rises_to_rated():
    speeds = np.linspace(0, 15, 151)
    output = wind_fleet_output(speeds)
    assert output[0] == 0.0 and np.all(np.diff(output) >= 0)
    assert 0.6 < output[-1] < 0.95  # availability and losses: a fleet never gives 100 %
    assert wind_fleet_output(40.0) < 0.1  # storm: turbines cut out


def test_ar1_matches_the_recursion_and_is_stationary():
    noise = rng(1, 2).standard_normal((20_000, 3))
    phi = np.array([0.5, 0.9, 0.999])
    expected = np.empty_like(noise)
    expected[0] = noise[0]
    for t in range(1, len(noise)):
        expected[t] = phi * expected[t - 1] + np.sqrt(1 - phi**2) * noise[t]
    result = ar1(noise, phi)
    np.testing.assert_allclose(result, expected, atol=1e-10)
    assert result[:, :2].std(axis=0) == pytest.approx([1.0, 1.0], abs=0.05)


def test_installed_capacity_grows_year_over_year():
    january = [pd.Timestamp(f"{year}-01-01", tz="UTC").timestamp() for year in range(2010, 2022)]
    wind = installed_mw("wind", np.array(january)).sum(axis=1)
    solar = installed_mw("solar", np.array(january)).sum(axis=1)
    assert np.all(np.diff(wind) > 0) and np.all(np.diff(solar) > 0)
    assert wind[1] == pytest.approx(27_200, rel=0.02)  # end of 2010
    assert solar[1] == pytest.approx(18_000, rel=0.02)
    assert solar[-1] == pytest.approx(53_700, rel=0.02)  # end of 2020
    mid_year = installed_mw("wind", pd.Timestamp("2016-07-02", tz="UTC").timestamp()).sum()
    assert wind[6] < mid_year < wind[7]
