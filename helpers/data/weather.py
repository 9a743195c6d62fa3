"""Hourly readings of the weather stations, consistent with the generation series.

Each station sees the latent weather of the control areas (:mod:`.latent`, same seed)
mixed by inverse distance, plus a little local noise: when the wind blows in the north,
the northern stations read high wind speeds and the northern areas produce wind power.
Readings are hourly means, so the models are evaluated at the middle of each hour.
"""
from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pandas as pd

from .capacity import check_covered
from .generation import DEFAULT_SEED
from .geography import SOLAR_CENTRES, STATIONS, WIND_CENTRES, inverse_distance_weights
from .latent import HOUR, latent_weather, seasonal_cosine, simulation_origin
from .processes import Stream, ar1, yearly_noise
from .sun import clear_sky_irradiance, cloud_transmission, solar_elevation
from .timeaxis import epoch_seconds, grid, month_windows, utc

COLUMNS = ("ts", "station_id", "wind_speed", "temperature", "irradiance")
"""wind speed in m/s at 100 m, temperature in °C at 2 m, global horizontal irradiance in W/m²."""

MEAN_TEMPERATURE = 9.5
SEASONAL_AMPLITUDE = 8.5
"""Half the difference between July and January means, at 10° E; larger further east."""
LOCAL_NOISE = {"wind": 0.08, "cloud": 0.06, "temperature": 0.8}
"""Scale of each station's own deviations: relative wind, absolute cloud cover, kelvin."""


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
    origin, local = _local_noise(start, end, seed)
    for window_start, window_end in month_windows(start, end):
        times = grid(window_start, window_end, "h")
        t = epoch_seconds(times) + HOUR / 2
        hours = ((t - origin) // HOUR).astype(int)
        deviation = {name: LOCAL_NOISE[name] * values[hours] for name, values in local.items()}
        wind = latent.at("wind_speed", t) @ wind_mix.T * np.exp(deviation["wind"])
        cloud = np.clip(latent.at("cloud_cover", t) @ cloud_mix.T + deviation["cloud"], 0.0, 1.0)
        elevation = solar_elevation(t[:, None], points[:, 0], points[:, 1])
        irradiance = clear_sky_irradiance(elevation) * cloud_transmission(cloud)
        anomaly = latent.at("temperature_anomaly", t)[:, None] + deviation["temperature"]
        temperature = _temperature(t, cloud, anomaly)
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


def _local_noise(start: pd.Timestamp, end: pd.Timestamp, seed: int) -> tuple[float, dict[str, np.ndarray]]:
    """Each station's own deviations (AR(1), six hours long), hourly, and the time of their first hour.

    Like the latent weather they start on 1 January of the year before ``start``.
    """
    origin = simulation_origin(start.year)
    hours = int((end.timestamp() - origin) // HOUR) + 2
    noise = yearly_noise(seed, Stream.STATIONS, start.year - 1, hours, 3 * len(STATIONS), per_day=24)
    smooth = ar1(noise, np.exp(-1.0 / 6.0))
    return origin, dict(zip(LOCAL_NOISE, np.split(smooth, 3, axis=1)))


def _temperature(t: np.ndarray, cloud: np.ndarray, anomaly: np.ndarray) -> np.ndarray:
    """Seasonal cycle (coldest mid-January, more continental eastwards), a daily cycle that
    peaks mid-afternoon local solar time and is larger under clear skies, plus the anomaly."""
    lon = STATIONS["lon"].to_numpy()
    season = seasonal_cosine(t)[:, None]
    seasonal = MEAN_TEMPERATURE - (SEASONAL_AMPLITUDE + 0.3 * (lon - 10.0)) * season
    solar_hour = (t[:, None] % 86400.0) / HOUR + lon / 15.0
    daily_amplitude = (1.5 + 4.0 * (1.0 - cloud)) * (1.0 - 0.3 * season)
    return seasonal + daily_amplitude * np.cos(2 * np.pi * (solar_hour - 15.0) / 24.0) + anomaly
