"""The long format shared by the generator, the OPSD converter, the validator and the loaders.

One row per reading: ``ts,type,region,value`` with ``ts`` in UTC (ISO 8601, ``Z``),
``type`` one of :data:`TYPES`, ``region`` a control area or ``DE``, ``value`` in MW.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

COLUMNS = ("ts", "type", "region", "value")
HEADER = ",".join(COLUMNS)

TYPES = ("solar", "wind")
AREAS = ("50hertz", "amprion", "tennet", "transnetbw")
"""The four German transmission system operators' control areas."""
DE = "DE"
REGIONS = AREAS + (DE,)
"""Row order within one timestamp and type: the areas, then their sum."""


def long_frame(times: pd.DatetimeIndex, values: np.ndarray) -> pd.DataFrame:
    """The long format from an array of shape (timestamps, types, regions)."""
    type_codes = np.repeat(np.arange(len(TYPES)), len(REGIONS))
    region_codes = np.tile(np.arange(len(REGIONS)), len(TYPES))
    return pd.DataFrame(
        {
            "ts": times.repeat(len(type_codes)),
            "type": pd.Categorical.from_codes(np.tile(type_codes, len(times)), TYPES),
            "region": pd.Categorical.from_codes(np.tile(region_codes, len(times)), REGIONS),
            "value": values.reshape(-1),
        }
    )
