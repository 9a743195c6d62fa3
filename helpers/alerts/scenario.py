"""What the alert lesson replays: the generator's readings, each area's station reading on its messages,
and two events injected on purpose, whose labels stay here.

A control room's feed carries the weather beside the output (a wind farm reports its anemometers with
its power), so every area's message gets ``reading``: the hour's mean reading of the three stations
nearest its fleet (:func:`helpers.alerts.curve.area_readings`); DE's messages have none.

- :class:`Storm`: a squall line over an area's wind fleet. The wind builds up to 16 m/s over three
  hours, jumps to 32 m/s within the fourth, holds three hours and dies down over three;
  the stations read its hourly means; the stations read it
  and the output follows the turbines' curve (cut-out at 25 m/s): the weather explains the drop.
- :class:`Fault`: the area's feed reports ``factor`` × its output (0: an outage) while the stations go
  on reading the weather: nothing explains the drop.

DE stays the sum of its four areas. The alert job reads the topic and the power-curve table only:
:meth:`Scenario.labels` is for scoring what it found, never an input.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from helpers.alerts.curve import area_readings
from helpers.data.capacity import installed_mw
from helpers.data.power import wind_fleet_output
from helpers.data.schema import AREAS, DE

HALF_QUARTER_S = 450.0
"""A value is the mean over its quarter-hour: the weather is taken at its middle."""


@dataclass(frozen=True)
class Storm:
    region: str
    start: str
    """When the wind starts to build up; it has blown over ten hours later."""
    peak_ms: float = 32.0
    KNOTS = ((0.0, 0.0), (3.0, 16.0), (4.0, 32.0), (7.0, 32.0), (10.0, 0.0))
    """(hours after start, m/s) of the storm's wind; the area's own wind shows where it is stronger."""

    @property
    def end(self) -> pd.Timestamp:
        return pd.Timestamp(self.start, tz="UTC") + pd.Timedelta(hours=self.KNOTS[-1][0])

    def speed(self, t: pd.Series, own: pd.Series) -> np.ndarray:
        """The wind speed at times ``t``, where the area's own wind is ``own``."""
        hours = (t - pd.Timestamp(self.start, tz="UTC")).dt.total_seconds().to_numpy() / 3600
        knots_h, knots_ms = zip(*self.KNOTS)
        storm = np.interp(hours, knots_h, np.array(knots_ms) * self.peak_ms / 32.0, left=0.0, right=0.0)
        return np.maximum(storm, own.to_numpy())


@dataclass(frozen=True)
class Fault:
    region: str
    type: str
    start: str
    end: str
    """The last faulty quarter-hour's start, inclusive."""
    factor: float = 0.0


@dataclass(frozen=True)
class Scenario:
    storms: tuple[Storm, ...] = ()
    faults: tuple[Fault, ...] = ()

    def apply(self, frame: pd.DataFrame) -> pd.DataFrame:
        """A long-format frame (ts UTC, type, region, value) with ``reading`` and the events applied."""
        frame = frame.astype({"type": str, "region": str}).reset_index(drop=True)
        frame["hour"] = frame["ts"].dt.floor("h")
        first, last = frame["hour"].min(), frame["hour"].max() + pd.Timedelta(hours=1)
        readings = area_readings(first.strftime("%Y-%m-%d %H:%M"), last.strftime("%Y-%m-%d %H:%M"))
        frame = frame.merge(readings, on=["region", "type", "hour"], how="left")
        for storm in self.storms:
            self._blow(frame, storm)
        for fault in self.faults:
            end = pd.Timestamp(fault.end, tz="UTC")
            rows = _rows(frame, fault.region, fault.type, fault.start, end, inclusive=True)
            frame.loc[rows, "value"] = (frame.loc[rows, "value"] * fault.factor).round(1)
        areas = frame[frame["region"].isin(AREAS)].groupby(["ts", "type"])["value"].sum().round(1)
        de = frame["region"] == DE
        frame.loc[de, "value"] = areas.reindex(pd.MultiIndex.from_frame(frame.loc[de, ["ts", "type"]])).to_numpy()
        return frame.drop(columns="hour")

    @staticmethod
    def _blow(frame: pd.DataFrame, storm: Storm) -> None:
        rows = _rows(frame, storm.region, "wind", storm.start, storm.end)
        blown = frame.loc[rows]
        middle = blown["ts"] + pd.Timedelta(seconds=HALF_QUARTER_S)
        hour_middle = blown["hour"] + pd.Timedelta(minutes=30)
        own = np.interp(middle.astype("int64"), hour_middle.astype("int64"), blown["reading"])
        speed = pd.Series(storm.speed(middle, pd.Series(own, index=blown.index)), index=blown.index)
        capacity = installed_mw("wind", middle.astype("int64").to_numpy() / 1e9)[:, AREAS.index(storm.region)]
        frame.loc[rows, "value"] = (capacity * wind_fleet_output(speed.to_numpy())).round(1)
        frame.loc[rows, "reading"] = speed.groupby(blown["hour"]).transform("mean").round(1)

    def labels(self) -> pd.DataFrame:
        """What was injected where: region, type, event, start, end (the last quarter-hour, inclusive)."""
        rows = [
            (s.region, "wind", "storm", pd.Timestamp(s.start, tz="UTC"), s.end - pd.Timedelta(minutes=15))
            for s in self.storms
        ]
        rows += [
            (f.region, f.type, f"fault x{f.factor:g}", pd.Timestamp(f.start, tz="UTC"), pd.Timestamp(f.end, tz="UTC"))
            for f in self.faults
        ]
        return pd.DataFrame(rows, columns=["region", "type", "event", "start", "end"])


def _rows(frame: pd.DataFrame, region: str, kind: str, start, end, inclusive: bool = False) -> pd.Series:
    start, end = pd.Timestamp(start, tz="UTC") if isinstance(start, str) else start, end
    before_end = frame["ts"] <= end if inclusive else frame["ts"] < end
    return (frame["region"] == region) & (frame["type"] == kind) & (frame["ts"] >= start) & before_end


STORM_AND_FAULT = Scenario(
    storms=(Storm("tennet", "2016-10-17 11:00"),),
    faults=(Fault("50hertz", "wind", "2016-10-17 13:00", "2016-10-17 15:45"),),
)
"""The lesson's day, 2016-10-17: a storm over TenneT's wind fleet from 11:00, and an outage of 50Hertz's
wind feed from 13:00 to 16:00."""
