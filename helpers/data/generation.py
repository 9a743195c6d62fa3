"""The embedded generator: solar and wind generation in MW, every 15 minutes, per control area and for DE.

Deterministic for a seed; the same seed gives the same value at the same timestamp
whatever window is asked for. Rows are in the long format (see :mod:`.schema`), ordered
by timestamp, then type, then region; DE is exactly the sum of the four rounded area values.
"""
from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pandas as pd

from .capacity import check_covered, installed_mw
from .geography import SOLAR_CENTRES
from .latent import Latent, latent_weather
from .power import pv_fleet_output, wind_fleet_output
from .schema import AREAS, REGIONS, TYPES, long_frame
from .sun import solar_elevation
from .timeaxis import epoch_seconds, grid, month_windows, utc

DEFAULT_SEED = 47
INTERVAL = "15min"
HALF_INTERVAL = 450.0
"""Each value is the mean power over the 15 minutes that start at its timestamp: the
models are evaluated at the middle of the interval."""


def area_mw(kind: str, t, latent: Latent) -> np.ndarray:
    """Power in MW of each control area (last axis, in :data:`AREAS` order) at UTC epoch seconds ``t``."""
    if kind == "wind":
        return installed_mw(kind, t) * wind_fleet_output(latent.at("wind_speed", t))
    if kind == "solar":
        elevation = solar_elevation(np.expand_dims(t, -1), SOLAR_CENTRES[:, 0], SOLAR_CENTRES[:, 1])
        return installed_mw(kind, t) * pv_fleet_output(elevation, latent.at("cloud_cover", t))
    raise ValueError(f"unknown type {kind!r}, expected one of {TYPES}")


def generation_chunks(start, end, seed: int = DEFAULT_SEED) -> Iterator[pd.DataFrame]:
    """Long-format DataFrames, one per calendar month of [start, end), UTC.

    Columns: ``ts`` (datetime64, UTC), ``type`` and ``region`` (categorical), ``value``
    (float64, MW, one decimal, never negative).
    """
    start, end = utc(start), utc(end)
    check_covered(start, end)
    latent = latent_weather(start, end, seed)
    for window_start, window_end in month_windows(start, end):
        times = grid(window_start, window_end, INTERVAL)
        t = epoch_seconds(times) + HALF_INTERVAL
        values = np.empty((len(times), len(TYPES), len(REGIONS)))
        for k, kind in enumerate(TYPES):
            values[:, k, : len(AREAS)] = np.round(area_mw(kind, t, latent), 1)
            values[:, k, len(AREAS)] = np.round(values[:, k, : len(AREAS)].sum(axis=1), 1)
        yield long_frame(times, values)


def generate(start, end, seed: int = DEFAULT_SEED) -> pd.DataFrame:
    """All of [start, end) in one long-format DataFrame (see :func:`generation_chunks`)."""
    return pd.concat(generation_chunks(start, end, seed), ignore_index=True)


def annual_totals_twh(frame: pd.DataFrame) -> pd.DataFrame:
    """Energy in TWh by type and region: the sum of 15-minute MW values / 4 / 1e6."""
    return frame.groupby(["type", "region"], observed=True)["value"].sum().unstack("type") / 4 / 1e6
