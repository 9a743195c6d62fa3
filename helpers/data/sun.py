"""Where the sun stands, and how much of its light reaches the ground.

Solar position from the low-precision formulas of the Astronomical Almanac (accurate to
about 0.01 degree between 1950 and 2050): the sun's ecliptic longitude gives its
declination and right ascension; their difference to the mean longitude is the equation
of time; UTC, longitude and the equation of time give the hour angle.
All functions work elementwise on numpy arrays and on plain floats.
"""
from __future__ import annotations

import numpy as np

J2000 = 946728000.0
"""2000-01-01T12:00:00Z in seconds since the Unix epoch."""


def solar_elevation(t, lat, lon):
    """Sun elevation in degrees above the horizon at UTC time ``t`` (epoch seconds), lat/lon in degrees."""
    days = (np.asarray(t, dtype=float) - J2000) / 86400.0
    mean_longitude = (280.460 + 0.9856474 * days) % 360.0
    mean_anomaly = np.radians((357.528 + 0.9856003 * days) % 360.0)
    ecliptic_longitude = np.radians(
        mean_longitude + 1.915 * np.sin(mean_anomaly) + 0.020 * np.sin(2 * mean_anomaly)
    )
    obliquity = np.radians(23.439 - 0.0000004 * days)
    declination = np.arcsin(np.sin(obliquity) * np.sin(ecliptic_longitude))
    right_ascension = np.degrees(
        np.arctan2(np.cos(obliquity) * np.sin(ecliptic_longitude), np.cos(ecliptic_longitude))
    )
    equation_of_time = (mean_longitude - right_ascension + 180.0) % 360.0 - 180.0  # degrees
    utc_hours = (np.asarray(t, dtype=float) % 86400.0) / 3600.0
    hour_angle = np.radians(15.0 * (utc_hours - 12.0) + lon + equation_of_time)
    lat = np.radians(lat)
    sin_elevation = np.sin(lat) * np.sin(declination) + np.cos(lat) * np.cos(declination) * np.cos(hour_angle)
    return np.degrees(np.arcsin(sin_elevation))


def clear_sky_irradiance(elevation):
    """Global horizontal irradiance under a clear sky in W/m² (Haurwitz model); 0 with the sun down."""
    cos_zenith = np.maximum(np.sin(np.radians(elevation)), 0.0)
    with np.errstate(divide="ignore"):
        attenuation = np.exp(-0.057 / cos_zenith)
    return 1098.0 * cos_zenith * attenuation


def cloud_transmission(cloud_cover):
    """Fraction of clear-sky irradiance that passes a cloud cover in [0, 1] (Kasten and Czeplak)."""
    return 1.0 - 0.75 * np.asarray(cloud_cover) ** 3.4
