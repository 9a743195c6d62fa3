"""Installed capacity: how many MW of wind and solar stand in each control area at a given time."""
from __future__ import annotations

import numpy as np
import pandas as pd

from .schema import AREAS, TYPES

# Installed capacity in Germany at the end of each year, GW (rounded figures from the
# Federal Network Agency and AGEE-Stat; wind counts onshore and offshore, as OPSD's
# DE_wind_generation_actual does). Between year ends the capacity grows linearly.
YEAR_END_GW = pd.DataFrame(
    {
        "solar": [0.07, 0.11, 0.18, 0.30, 0.44, 1.1, 2.1, 2.9, 4.2, 6.1, 10.6, 18.0, 25.9, 34.1,
                  36.7, 37.9, 39.2, 40.7, 42.3, 45.2, 49.0, 53.7, 59.4, 67.4, 82.2, 99.3],
        "wind": [4.4, 6.1, 8.8, 12.0, 14.6, 16.6, 18.4, 20.6, 22.2, 23.8, 25.7, 27.2, 29.1, 31.3,
                 34.7, 40.5, 45.0, 50.0, 56.1, 59.3, 61.4, 62.7, 64.5, 66.3, 69.5, 72.8],
    },
    index=pd.RangeIndex(1999, 2025, name="year"),
)
FIRST = pd.Timestamp("2000-01-01", tz="UTC")
LAST = pd.Timestamp("2025-01-01", tz="UTC")
"""The generator covers [FIRST, LAST): the years whose capacity is known."""

# Each area's share of the German capacity (about 2016): wind in the north-east (50Hertz)
# and north-west (TenneT), solar in the south (TenneT's Bavaria, TransnetBW, Amprion).
SHARES = pd.DataFrame(
    {"solar": [0.22, 0.25, 0.38, 0.15], "wind": [0.33, 0.20, 0.43, 0.04]},
    index=pd.Index(AREAS, name="region"),
)
assert np.allclose(SHARES.sum(), 1.0) and list(SHARES.columns) == list(TYPES)

_YEAR_ENDS = np.array(
    [pd.Timestamp(f"{year + 1}-01-01", tz="UTC").timestamp() for year in YEAR_END_GW.index]
)


def installed_mw(kind: str, t) -> np.ndarray:
    """Installed capacity in MW per area, shape ``t.shape + (4,)``, at UTC epoch seconds ``t``."""
    total = np.interp(t, _YEAR_ENDS, YEAR_END_GW[kind].to_numpy() * 1000.0)
    return np.multiply.outer(total, SHARES[kind].to_numpy())


def check_covered(start: pd.Timestamp, end: pd.Timestamp) -> None:
    """Refuse windows outside the years whose capacity is known."""
    if not FIRST <= start < end <= LAST:
        raise ValueError(f"need {FIRST:%Y-%m-%d} <= start < end <= {LAST:%Y-%m-%d}, got {start} .. {end}")
