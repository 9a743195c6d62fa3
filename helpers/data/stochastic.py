"""Stochastic building blocks: seeded random streams and stationary AR(1) processes."""
from __future__ import annotations

from enum import IntEnum

import numpy as np


class Stream(IntEnum):
    """Labels of the independent random streams drawn from one seed."""

    LATENT_HOURLY = 0
    LATENT_DAILY = 1
    STATIONS = 2
    METERS_TABLE = 3
    METER_READINGS = 4


def rng(seed: int, *stream: int) -> np.random.Generator:
    """An independent random generator for ``seed`` and a stream label (e.g. a year, a chunk)."""
    return np.random.default_rng([seed, *stream])


def yearly_noise(seed: int, stream: int, first_year: int, count: int, columns: int, per_day: int) -> np.ndarray:
    """``count`` rows of standard normal noise, ``per_day`` rows a day, from 1 January of ``first_year``.

    Each year draws from its own random stream, so the noise of a year does not depend
    on how far the simulation runs: any window sees the same values for the same seed.
    """
    blocks, rows, year = [], 0, first_year
    while rows < count:
        days = 366 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 365
        blocks.append(rng(seed, stream, year).standard_normal((per_day * days, columns)))
        rows += per_day * days
        year += 1
    return np.concatenate(blocks)[:count]


def ar1(noise: np.ndarray, phi) -> np.ndarray:
    """Stationary AR(1) with unit variance along axis 0, one coefficient per column.

    ``x[0] = noise[0]`` and ``x[t] = phi * x[t-1] + sqrt(1 - phi**2) * noise[t]`` for standard
    normal ``noise``. Computed block by block with the closed form
    ``x[b+k] = phi**(k+1) * x[b-1] + phi**k * cumsum(innovation[b+j] / phi**j)``, which is
    exact and vectorised; blocks stay short enough that ``phi**-k`` cannot overflow.
    """
    noise = np.asarray(noise, dtype=float)
    phi = np.broadcast_to(np.asarray(phi, dtype=float), noise.shape[1:])
    innovation = noise * np.sqrt(1.0 - phi**2)
    innovation[0] = noise[0]
    block = int(min(1024, 250.0 / -np.log(phi.min())))
    powers = phi ** np.arange(block + 1).reshape((-1,) + (1,) * phi.ndim)
    out = np.empty_like(noise)
    previous = np.zeros(phi.shape)
    for begin in range(0, len(noise), block):
        chunk = innovation[begin : begin + block]
        k = len(chunk)
        scaled_sum = np.cumsum(chunk / powers[:k], axis=0)
        out[begin : begin + k] = powers[1 : k + 1] * previous + powers[:k] * scaled_sum
        previous = out[begin + k - 1]
    return out
