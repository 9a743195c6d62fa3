"""Hourly readings of the weather stations: the weather behind the generation, as a point measures it.

Each station sees the latent weather of the control areas (:mod:`.latent`, same seed) mixed by
inverse distance: when the wind blows in the north, the northern stations read high wind speeds
and the northern areas produce wind power. But a station is one point, and the generation is the
output of thousands of turbines and panels spread over an area, so a reading differs from the
weather that made the generation by errors of its own, drawn from a random stream the generator
never uses (:attr:`.stochastic.Stream.STATIONS`):

- exposure: each station reads a few per cent high or low all year (mast height, surroundings);
- representativeness: a point's wind departs from the area's average for hours (showers, gust
  fronts, a front passing earlier or later) and for days (the mesoscale flow around it): two
  AR(1) processes on the logarithm of the speed; a point's sky is clear while the area's is half
  cloudy, and the other way round: an AR(1) process on the logit of the cloud cover;
- the sensor: white noise on each hourly mean (cup anemometer, pyranometer, thermometer).

The generation does not change with any of these: it is made from the latent weather alone.
Readings are hourly means, so the models are evaluated at the middle of each hour.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pandas as pd

from .capacity import check_covered
from .generation import DEFAULT_SEED
from .geography import SOLAR_CENTRES, STATIONS, WIND_CENTRES, inverse_distance_weights, spatial_correlation
from .latent import HOUR, latent_weather, seasonal_cosine, simulation_origin
from .stochastic import Stream, ar1, rng, yearly_noise
from .sun import clear_sky_irradiance, cloud_transmission, solar_elevation
from .timeaxis import epoch_seconds, grid, month_windows, utc

COLUMNS = ("ts", "station_id", "wind_speed", "temperature", "irradiance")
"""wind speed in m/s at 100 m, temperature in °C at 2 m, global horizontal irradiance in W/m²."""

MEAN_TEMPERATURE = 9.5
SEASONAL_AMPLITUDE = 8.5
"""Half the difference between July and January means, at 10° E; larger further east."""

WIND_EXPOSURE = 0.06
"""Spread (log-normal sigma) of a station's mean wind speed around its mix of the areas' speeds."""
WIND_REPRESENTATIVENESS = {"hours": (3.0, 36.0), "sigma": (0.12, 0.15)}
"""Departures of a point's log wind speed from the areas' mix: a fast part (hours) and a slow part
(days), each an AR(1) process with this time scale (hours) and standard deviation."""
WIND_ERROR_CORRELATION_KM = 250.0
"""The slow part is the mesoscale flow around a station: neighbours share it (Gaussian in distance)."""
WIND_SENSOR_MS = 0.2
"""White noise on each hourly mean wind speed (m/s)."""
CLOUD_REPRESENTATIVENESS = {"hours": 1.5, "sigma": 1.3}
"""A point's cloud cover departs from the areas' mix on the logit scale: AR(1), time scale in hours."""
IRRADIANCE_SENSOR = 0.02
"""Relative white noise of the pyranometer's hourly mean irradiance."""
TEMPERATURE_LOCAL = {"hours": 6.0, "sigma": 0.8}
"""A station's own temperature anomaly (K), AR(1), on top of the country-wide anomaly."""
TEMPERATURE_SENSOR_K = 0.1

_NOISE_COLUMNS = ("wind_fast", "wind_slow", "cloud", "temperature", "wind_sensor", "irradiance_sensor", "temperature_sensor")


def stations() -> pd.DataFrame:
    """The weather stations: id, name, lat, lon."""
    return STATIONS.copy()


def weather_chunks(start, end, seed: int = DEFAULT_SEED) -> Iterator[pd.DataFrame]:
    """Hourly readings of every station, one DataFrame per calendar month of [start, end), UTC."""
    start, end = utc(start), utc(end)
    check_covered(start, end)
    latent = latent_weather(start, end, seed)
    points = STATIONS[["lat", "lon"]].to_numpy()
    wind_mix = inverse_distance_weights(points, WIND_CENTRES)
    cloud_mix = inverse_distance_weights(points, SOLAR_CENTRES)
    origin, errors = _station_errors(start, end, seed)
    exposure = _exposure(seed)
    for window_start, window_end in month_windows(start, end):
        times = grid(window_start, window_end, "h")
        t = epoch_seconds(times) + HOUR / 2
        hours = ((t - origin) // HOUR).astype(int)
        e = {name: values[hours] for name, values in errors.items()}
        wind = latent.at("wind_speed", t) @ wind_mix.T * exposure * np.exp(e["wind_log"])
        wind = np.maximum(wind + WIND_SENSOR_MS * e["wind_sensor"], 0.0)
        cloud = _logistic(_logit(latent.at("cloud_cover", t) @ cloud_mix.T) + e["cloud_logit"])
        elevation = solar_elevation(t[:, None], points[:, 0], points[:, 1])
        irradiance = clear_sky_irradiance(elevation) * cloud_transmission(cloud)
        irradiance = np.maximum(irradiance * (1.0 + IRRADIANCE_SENSOR * e["irradiance_sensor"]), 0.0)
        anomaly = latent.at("temperature_anomaly", t)[:, None] + e["temperature"]
        temperature = _temperature(t, cloud, anomaly) + TEMPERATURE_SENSOR_K * e["temperature_sensor"]
        yield pd.DataFrame(
            {
                "ts": times.repeat(len(STATIONS)),
                "station_id": pd.Categorical(np.tile(STATIONS["id"].to_numpy(), len(times)), STATIONS["id"]),
                "wind_speed": np.round(wind, 1).reshape(-1),
                "temperature": np.round(temperature, 1).reshape(-1),
                "irradiance": np.round(irradiance, 1).reshape(-1),
            }
        )


def weather(start, end, seed: int = DEFAULT_SEED) -> pd.DataFrame:
    """All readings of [start, end) in one DataFrame (see :func:`weather_chunks`)."""
    return pd.concat(weather_chunks(start, end, seed), ignore_index=True)


def _exposure(seed: int) -> np.ndarray:
    """Each station's constant factor on its wind speed (log-normal, mean 1)."""
    z = rng(seed, Stream.STATIONS).standard_normal(len(STATIONS))
    return np.exp(WIND_EXPOSURE * z - WIND_EXPOSURE**2 / 2)


def _station_errors(start: pd.Timestamp, end: pd.Timestamp, seed: int) -> tuple[float, dict[str, np.ndarray]]:
    """Each station's own errors, hourly, and the time of their first hour.

    Like the latent weather they start on 1 January of the year before ``start``, and each year
    draws its own numbers, so any window sees the same readings. Returns ``wind_log`` (to add to
    the log of the speed, mean 0 for the speed), ``cloud_logit``, ``temperature`` (K) and three
    standard normal sensor noises.
    """
    origin = simulation_origin(start.year)
    hours = int((end.timestamp() - origin) // HOUR) + 2
    n = len(STATIONS)
    noise = yearly_noise(seed, Stream.STATIONS, start.year - 1, hours, len(_NOISE_COLUMNS) * n, per_day=24)
    raw = dict(zip(_NOISE_COLUMNS, np.split(noise, len(_NOISE_COLUMNS), axis=1)))
    (fast_hours, slow_hours), (fast_sigma, slow_sigma) = WIND_REPRESENTATIVENESS.values()
    fast = fast_sigma * ar1(raw["wind_fast"], np.exp(-1.0 / fast_hours))
    mixing = np.linalg.cholesky(spatial_correlation(STATIONS[["lat", "lon"]].to_numpy(), WIND_ERROR_CORRELATION_KM))
    slow = slow_sigma * ar1(raw["wind_slow"], np.exp(-1.0 / slow_hours)) @ mixing.T
    wind_variance = sum(s**2 for s in WIND_REPRESENTATIVENESS["sigma"])
    cloud = CLOUD_REPRESENTATIVENESS["sigma"] * ar1(raw["cloud"], np.exp(-1.0 / CLOUD_REPRESENTATIVENESS["hours"]))
    temperature = TEMPERATURE_LOCAL["sigma"] * ar1(raw["temperature"], np.exp(-1.0 / TEMPERATURE_LOCAL["hours"]))
    return origin, {
        "wind_log": fast + slow - wind_variance / 2,
        "cloud_logit": cloud,
        "temperature": temperature,
        "wind_sensor": raw["wind_sensor"],
        "irradiance_sensor": raw["irradiance_sensor"],
        "temperature_sensor": raw["temperature_sensor"],
    }


def _logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, 1e-6, 1.0 - 1e-6)
    return np.log(p / (1.0 - p))


def _logistic(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def _temperature(t: np.ndarray, cloud: np.ndarray, anomaly: np.ndarray) -> np.ndarray:
    """Seasonal cycle (coldest mid-January, more continental eastwards), a daily cycle that
    peaks mid-afternoon local solar time and is larger under clear skies, plus the anomaly."""
    lon = STATIONS["lon"].to_numpy()
    season = seasonal_cosine(t)[:, None]
    seasonal = MEAN_TEMPERATURE - (SEASONAL_AMPLITUDE + 0.3 * (lon - 10.0)) * season
    solar_hour = (t[:, None] % 86400.0) / HOUR + lon / 15.0
    daily_amplitude = (1.5 + 4.0 * (1.0 - cloud)) * (1.0 - 0.3 * season)
    return seasonal + daily_amplitude * np.cos(2 * np.pi * (solar_hour - 15.0) / 24.0) + anomaly
