"""From weather to power: a wind fleet's power curve and a PV fleet's response to sunlight."""
from __future__ import annotations

import numpy as np

from .sun import clear_sky_irradiance, cloud_transmission

CUT_IN = 3.0
RATED = 13.0
CUT_OUT = 25.0
"""Turbine power curve (m/s at hub height): nothing below cut-in, rated power from rated
speed on, shut down above cut-out."""
SITE_SPREAD = 0.35
"""Spread (log-normal sigma) of the turbines' own wind speeds around an area's mean speed."""
WIND_AVAILABILITY = 0.88
"""Fleet output at rated speed: availability, wake and grid losses."""
PV_YIELD = 0.95
"""PV output per kWp and per kW/m² of horizontal irradiance: the gain of tilted modules
less the fleet's losses (soiling, wiring, inverters)."""
PV_PEAK_LOSS = 0.2
"""Relative loss at 1 kW/m², growing with irradiance: hot modules and inverter clipping."""


def turbine_power(speed):
    """One turbine's output as a fraction of rated power: cubic from cut-in to rated speed."""
    speed = np.asarray(speed, dtype=float)
    ramp = (speed**3 - CUT_IN**3) / (RATED**3 - CUT_IN**3)
    return np.where((speed < CUT_IN) | (speed >= CUT_OUT), 0.0, np.clip(ramp, 0.0, 1.0))


def _fleet_curve() -> tuple[np.ndarray, np.ndarray]:
    """The turbine curve averaged over sites whose speeds scatter log-normally around the mean."""
    speeds = np.linspace(0.0, 40.0, 801)
    z = np.linspace(-4.0, 4.0, 801)
    weights = np.exp(-(z**2) / 2)
    weights /= weights.sum()
    site_speeds = np.multiply.outer(speeds, np.exp(SITE_SPREAD * z))
    return speeds, WIND_AVAILABILITY * turbine_power(site_speeds) @ weights


_FLEET_SPEEDS, _FLEET_OUTPUT = _fleet_curve()


def wind_fleet_output(speed):
    """A control area's wind output as a fraction of its installed capacity, at its mean hub-height speed."""
    return np.interp(speed, _FLEET_SPEEDS, _FLEET_OUTPUT)


def pv_fleet_output(elevation, cloud_cover):
    """A PV fleet's output as a fraction of its installed capacity, given sun elevation and cloud cover."""
    irradiance = clear_sky_irradiance(elevation) * cloud_transmission(cloud_cover) / 1000.0
    return PV_YIELD * irradiance * (1.0 - PV_PEAK_LOSS * irradiance)
