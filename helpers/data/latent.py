"""The hidden weather behind both the generation series and the station readings.

Hourly, at the four control areas' fleet centres, simulated from 1 January of the year
before the window asked for: every process forgets its start within weeks, and every year
draws its own random numbers, so any window sees the same weather for the same seed.

- wind speed at hub height (100 m): the two horizontal wind components are a mean
  westerly flow plus a persistent synoptic part (weather systems lasting days, correlated
  between areas by distance) and a faster local part (hours); speed is the length of that
  vector, larger in winter. That gives calm spells, storms and Rayleigh-like statistics.
- cloud cover in [0, 1]: the logistic of a seasonal mean (cloudier in winter) plus
  cloudy weeks and cloudy days (daily AR(1) processes, correlated between areas) and
  passing clouds (an hourly AR(1) per area).
- a temperature anomaly shared by the whole country (multi-day warm and cold spells).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from .geography import SOLAR_CENTRES, WIND_CENTRES, spatial_correlation
from .stochastic import Stream, ar1, yearly_noise

HOUR = 3600.0
DAY = 86400.0
YEAR = 365.2425 * DAY
JANUARY_15 = pd.Timestamp("2000-01-15", tz="UTC").timestamp()

# Wind components: time scales (hours) of the synoptic and local parts, and the synoptic
# part's share of the variance.
WIND_SYNOPTIC_HOURS = 30.0
WIND_LOCAL_HOURS = 6.0
WIND_SYNOPTIC_SHARE = 0.95
WIND_CORRELATION_KM = 800.0
"""Distance scale of the synoptic part's correlation between areas (Gaussian in distance)."""
WIND_MEAN_FLOW = 2.0
"""Mean westerly flow in units of the components' standard deviation."""
WIND_MEAN_SPEED = np.array([6.25, 5.85, 6.6, 5.25])
"""Annual mean wind speed (m/s at 100 m) at the areas' wind centres: north windier than south."""
WIND_WINTER_SURPLUS = 0.18
"""Relative amplitude of the seasonal cycle of wind speed, peaking in mid-January."""

# Clouds: logit of the cover is a seasonal mean plus weekly, daily and hourly parts.
CLOUD_LOGIT_MEAN = 2.0
CLOUD_LOGIT_SEASON = 0.4
CLOUD_LOGIT_SPREAD = 1.6
CLOUD_WEIGHTS = np.sqrt([0.3, 0.35, 0.35])
"""Share of cloud variability from cloudy weeks, cloudy days and passing clouds."""
CLOUD_PHI_DAILY = (0.85, 0.4)
CLOUD_CORRELATION_KM = (800.0, 500.0)
CLOUD_PHI_HOURLY = 0.8

TEMPERATURE_ANOMALY_HOURS = 96.0
TEMPERATURE_ANOMALY_K = 3.0


@dataclass(frozen=True)
class Latent:
    """Hourly latent weather from :data:`start` (epoch seconds); rows are hours, columns areas."""

    start: float
    wind_speed: np.ndarray
    cloud_cover: np.ndarray
    temperature_anomaly: np.ndarray

    def at(self, field: str, t):
        """Linear interpolation of a field at UTC epoch seconds ``t`` (array or float)."""
        values = getattr(self, field)
        position = (np.asarray(t, dtype=float) - self.start) / HOUR
        if np.any(position < 0) or np.any(position > len(values) - 1):
            raise ValueError("time outside the latent weather's range")
        index = np.minimum(position.astype(int), len(values) - 2)
        weight = np.reshape(position - index, np.shape(position) + (1,) * (values.ndim - 1))
        return values[index] * (1.0 - weight) + values[index + 1] * weight


def seasonal_cosine(t):
    """cos of the time of year, +1 in mid-January, -1 in mid-July."""
    return np.cos(2 * np.pi * (np.asarray(t, dtype=float) - JANUARY_15) / YEAR)


def _mean_vector_length(mean_flow: float) -> float:
    """Mean length of (mean_flow + X, Y) for independent standard normal X, Y (quadrature)."""
    z = np.linspace(-8.0, 8.0, 801)
    weights = np.exp(-(z**2) / 2)
    weights /= weights.sum()
    return float(np.sum(np.hypot(mean_flow + z[:, None], z[None, :]) * np.outer(weights, weights)))


def latent_weather(start: pd.Timestamp, end: pd.Timestamp, seed: int) -> Latent:
    """Latent weather covering [start, end] and an hour more (UTC timestamps)."""
    hours = int(np.ceil((end.timestamp() - simulation_origin(start.year)) / HOUR)) + 2
    return _simulate(start.year, hours, seed)


def simulation_origin(year: int) -> float:
    """Epoch seconds of 1 January of the year before ``year``: where simulations for a window in ``year`` start."""
    return pd.Timestamp(year=year - 1, month=1, day=1, tz="UTC").timestamp()


@lru_cache(maxsize=4)
def _simulate(year: int, hours: int, seed: int) -> Latent:
    """``hours`` hours of latent weather from :func:`simulation_origin` of ``year``."""
    hourly = yearly_noise(seed, Stream.LATENT_HOURLY, year - 1, hours, columns=21, per_day=24)
    daily = yearly_noise(seed, Stream.LATENT_DAILY, year - 1, hours // 24 + 2, columns=8, per_day=1)
    origin = simulation_origin(year)
    t = origin + HOUR * np.arange(hours)
    latent = Latent(
        start=origin,
        wind_speed=_wind_speed(t, hourly[:, :16]),
        cloud_cover=_cloud_cover(t, origin, hourly[:, 16:20], daily),
        temperature_anomaly=TEMPERATURE_ANOMALY_K
        * ar1(hourly[:, 20], np.exp(-1.0 / TEMPERATURE_ANOMALY_HOURS)),
    )
    for array in (latent.wind_speed, latent.cloud_cover, latent.temperature_anomaly):
        array.flags.writeable = False  # shared by the cache
    return latent


def _correlated(noise: np.ndarray, phi: float, centres: np.ndarray, length_km: float) -> np.ndarray:
    """AR(1) per area, then mixed so that areas correlate by distance (Cholesky factor)."""
    mixing = np.linalg.cholesky(spatial_correlation(centres, length_km))
    return ar1(noise, phi) @ mixing.T


def _wind_speed(t: np.ndarray, noise: np.ndarray) -> np.ndarray:
    """Hub-height wind speed per area from 16 columns of noise: synoptic and local parts of u, then of v."""
    synoptic_phi = np.exp(-1.0 / WIND_SYNOPTIC_HOURS)
    local_phi = np.exp(-1.0 / WIND_LOCAL_HOURS)
    a, b = np.sqrt(WIND_SYNOPTIC_SHARE), np.sqrt(1.0 - WIND_SYNOPTIC_SHARE)
    u, v = (
        a * _correlated(noise[:, k : k + 4], synoptic_phi, WIND_CENTRES, WIND_CORRELATION_KM)
        + b * ar1(noise[:, k + 4 : k + 8], local_phi)
        for k in (0, 8)
    )
    scale = (1.0 + WIND_WINTER_SURPLUS * seasonal_cosine(t))[:, None] * WIND_MEAN_SPEED
    return np.hypot(WIND_MEAN_FLOW + u, v) * scale / _mean_vector_length(WIND_MEAN_FLOW)


def _cloud_cover(t: np.ndarray, origin: float, hourly_noise: np.ndarray, daily_noise: np.ndarray) -> np.ndarray:
    """Cloud cover at hours ``t``; the daily noise starts on the day of ``origin`` (a midnight)."""
    noons = origin + np.arange(len(daily_noise)) * DAY + DAY / 2  # a day's value holds at noon
    weekly = _correlated(daily_noise[:, 0:4], CLOUD_PHI_DAILY[0], SOLAR_CENTRES, CLOUD_CORRELATION_KM[0])
    daily = _correlated(daily_noise[:, 4:8], CLOUD_PHI_DAILY[1], SOLAR_CENTRES, CLOUD_CORRELATION_KM[1])
    slow = CLOUD_WEIGHTS[0] * weekly + CLOUD_WEIGHTS[1] * daily
    slow_hourly = np.column_stack([np.interp(t, noons, column) for column in slow.T])
    anomaly = slow_hourly + CLOUD_WEIGHTS[2] * ar1(hourly_noise, CLOUD_PHI_HOURLY)
    logit = CLOUD_LOGIT_MEAN + CLOUD_LOGIT_SEASON * seasonal_cosine(t)[:, None] + CLOUD_LOGIT_SPREAD * anomaly
    return 1.0 / (1.0 + np.exp(-logit))
