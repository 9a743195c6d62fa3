"""Where things are: the control areas' wind and solar centres, and the weather stations."""
from __future__ import annotations

import numpy as np
import pandas as pd

from .schema import AREAS

# (lat, lon) of the centre of each area's wind fleet and of its solar fleet. TenneT's
# control area runs from the North Sea coast to the Alps: its wind sits in Lower Saxony
# and Schleswig-Holstein (and offshore), its solar in Bavaria.
WIND_CENTRES = np.array([(52.8, 12.8), (51.0, 7.2), (53.2, 8.8), (48.7, 9.2)])
SOLAR_CENTRES = np.array([(51.8, 12.6), (50.3, 7.4), (48.9, 11.6), (48.6, 9.0)])
assert len(WIND_CENTRES) == len(SOLAR_CENTRES) == len(AREAS)

STATIONS = pd.DataFrame(
    [
        ("KIE", "Kiel", 54.32, 10.13),
        ("ROS", "Rostock", 54.09, 12.10),
        ("HAM", "Hamburg", 53.55, 9.99),
        ("EMD", "Emden", 53.37, 7.21),
        ("BRE", "Bremen", 53.08, 8.80),
        ("BER", "Berlin", 52.52, 13.40),
        ("HAN", "Hannover", 52.37, 9.74),
        ("MAG", "Magdeburg", 52.13, 11.63),
        ("MUE", "Münster", 51.96, 7.63),
        ("COT", "Cottbus", 51.76, 14.33),
        ("LEI", "Leipzig", 51.34, 12.37),
        ("KAS", "Kassel", 51.31, 9.48),
        ("DUS", "Düsseldorf", 51.23, 6.78),
        ("DRE", "Dresden", 51.05, 13.74),
        ("ERF", "Erfurt", 50.98, 11.03),
        ("KOE", "Köln", 50.94, 6.96),
        ("FRA", "Frankfurt am Main", 50.11, 8.68),
        ("NUE", "Nürnberg", 49.45, 11.08),
        ("SAA", "Saarbrücken", 49.24, 6.99),
        ("STU", "Stuttgart", 48.78, 9.18),
        ("MUC", "München", 48.14, 11.58),
        ("FRE", "Freiburg im Breisgau", 47.99, 7.85),
    ],
    columns=["id", "name", "lat", "lon"],
)
"""About twenty weather stations spread over Germany, north to south."""


def distance_km(points_a: np.ndarray, points_b: np.ndarray) -> np.ndarray:
    """Great-circle distances (haversine) between every (lat, lon) in ``points_a`` and in ``points_b``."""
    lat_a, lon_a = np.radians(points_a).T[:, :, None]
    lat_b, lon_b = np.radians(points_b).T[:, None, :]
    h = np.sin((lat_b - lat_a) / 2) ** 2 + np.cos(lat_a) * np.cos(lat_b) * np.sin((lon_b - lon_a) / 2) ** 2
    return 2 * 6371.0 * np.arcsin(np.sqrt(h))


def spatial_correlation(points: np.ndarray, length_km: float) -> np.ndarray:
    """Correlation matrix exp(-(distance / length)²) between the given points."""
    return np.exp(-((distance_km(points, points) / length_km) ** 2))


def inverse_distance_weights(points: np.ndarray, centres: np.ndarray) -> np.ndarray:
    """Weights (rows sum to 1) that mix values known at ``centres`` into values at ``points``."""
    weights = 1.0 / np.maximum(distance_km(points, centres), 10.0) ** 2
    return weights / weights.sum(axis=1, keepdims=True)
