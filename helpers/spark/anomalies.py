"""Anomalies in the generation against what the weather stations say it should be, and how to score them.

The lesson computes the expected output and the residuals in Spark; this module holds what is not
the lesson's subject: which stations stand for which control area, the faults injected on purpose
(so that we know the right answer), turning flagged hours into events, and scoring events against
the injected faults. Everything here works on small pandas frames.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from helpers.data.geography import SOLAR_CENTRES, STATIONS, WIND_CENTRES, distance_km
from helpers.data.schema import AREAS

READING = {"wind": "wind_speed", "solar": "irradiance"}
"""The station reading that drives each type of generation."""


@dataclass(frozen=True)
class FaultKind:
    factor: float
    """What the fault does to the reported output (0: nothing arrives, 2: counted twice)."""
    hours: tuple[int, int]
    """Shortest and longest duration."""
    what: str


FAULT_KINDS = {
    "outage": FaultKind(0.0, (2, 6), "the area's feed reports nothing (a lost link, a tripped substation)"),
    "curtailment": FaultKind(0.5, (3, 8), "the grid operator halves the feed-in to relieve a congested line"),
    "double count": FaultKind(2.0, (1, 3), "a meter's readings arrive twice and are summed"),
}
MATERIAL_SHARE = 0.2
"""Faults start at hours when the series produces at least this share of its largest hourly value: a
fault at night or in a calm costs nothing and shows nowhere."""


def nearest_stations(count: int = 3) -> pd.DataFrame:
    """For each control area and type, the ``count`` stations nearest its wind or solar fleet's centre.

    Columns: region, type, station_id, km.
    """
    points = STATIONS[["lat", "lon"]].to_numpy()
    rows = []
    for kind, centres in (("wind", WIND_CENTRES), ("solar", SOLAR_CENTRES)):
        km = distance_km(points, centres)
        for area_index, area in enumerate(AREAS):
            for station in np.argsort(km[:, area_index])[:count]:
                rows.append((area, kind, STATIONS["id"].iloc[station], round(float(km[station, area_index]), 1)))
    return pd.DataFrame(rows, columns=["region", "type", "station_id", "km"])


def plan_faults(actual: pd.DataFrame, per_kind_and_type: int = 8, seed: int = 2016) -> pd.DataFrame:
    """Faults to inject into hourly series ``actual`` (columns region, type, hour, mwh): a seeded draw.

    For each fault kind and type, ``per_kind_and_type`` faults in random control areas, each starting
    at a random hour with material output (see :data:`MATERIAL_SHARE`), none overlapping another fault
    of the same series. Returns region, type, kind, start, end (the last faulty hour, inclusive), factor.
    """
    rng = np.random.default_rng(seed)
    series = {key: frame.sort_values("hour") for key, frame in actual.groupby(["region", "type"], observed=True)}
    faults: list[tuple] = []
    for kind, fault in FAULT_KINDS.items():
        for typ in sorted({key[1] for key in series}):
            regions = sorted(key[0] for key in series if key[1] == typ)
            placed = 0
            while placed < per_kind_and_type:
                region = regions[rng.integers(len(regions))]
                frame = series[(region, typ)]
                position = int(rng.integers(len(frame) - fault.hours[1]))
                duration = int(rng.integers(fault.hours[0], fault.hours[1] + 1))
                start = frame["hour"].iloc[position]
                end = start + pd.Timedelta(hours=duration - 1)
                if frame["mwh"].iloc[position] < MATERIAL_SHARE * frame["mwh"].max():
                    continue
                if any(
                    r == region and t == typ and s <= end + pd.Timedelta("1h") and start <= e + pd.Timedelta("1h")
                    for r, t, _, s, e, _ in faults
                ):
                    continue
                faults.append((region, typ, kind, start, end, fault.factor))
                placed += 1
    columns = ["region", "type", "kind", "start", "end", "factor"]
    return pd.DataFrame(faults, columns=columns).sort_values(["start", "region", "type"], ignore_index=True)


def events(flags: pd.DataFrame) -> pd.DataFrame:
    """Runs of consecutive flagged hours per series: region, type, start, end (inclusive), hours.

    ``flags`` has one row per flagged hour (region, type, hour); the pandas reference of the lesson's
    Spark query (gaps and islands). The result is marked as the helper's (``attrs``), so that exercise 09.3,
    which asks for the Spark query, can tell it apart.
    """
    result = _runs(flags)
    result.attrs[MADE_BY] = "helpers.spark.anomalies.events"
    return result


MADE_BY = "made_by"


def _runs(flags: pd.DataFrame) -> pd.DataFrame:
    """The runs of :func:`events`, unmarked."""
    if flags.empty:
        return pd.DataFrame(columns=["region", "type", "start", "end", "hours"])
    frame = flags.sort_values(["region", "type", "hour"], ignore_index=True)
    same_series = (frame["region"] == frame["region"].shift()) & (frame["type"] == frame["type"].shift())
    follows = same_series & (frame["hour"] - frame["hour"].shift() == pd.Timedelta("1h"))
    run = (~follows).cumsum()
    grouped = frame.groupby(run)
    return (
        pd.DataFrame(
            {
                "region": grouped["region"].first(),
                "type": grouped["type"].first(),
                "start": grouped["hour"].min(),
                "end": grouped["hour"].max(),
                "hours": grouped.size(),
            }
        )
        .sort_values(["start", "region", "type"])
        .reset_index(drop=True)
    )


def _overlaps(item, table: pd.DataFrame) -> bool:
    """Whether ``item`` (region, type, start, end) overlaps any row of ``table`` in the same series."""
    if table.empty:
        return False
    return bool(
        (
            (table["region"] == item.region)
            & (table["type"] == item.type)
            & (table["start"] <= item.end)
            & (table["end"] >= item.start)
        ).any()
    )


@dataclass(frozen=True)
class Score:
    """Injected faults found (by kind and type), and flagged events that match no fault."""

    found: pd.DataFrame
    false_alarms: int
    flagged_events: int

    @property
    def found_count(self) -> int:
        return int(self.found["found"].sum())

    @property
    def injected(self) -> int:
        return int(self.found["injected"].sum())


def score(flagged_events: pd.DataFrame, faults: pd.DataFrame) -> Score:
    """A fault is found when a flagged event overlaps it; an event overlapping no fault is a false alarm."""
    found = [_overlaps(fault, flagged_events) for fault in faults.itertuples()]
    table = (
        faults.assign(found=found)
        .groupby(["type", "kind"], observed=True)["found"]
        .agg(injected="size", found="sum")
        .reset_index()
    )
    false_alarms = sum(1 for event in flagged_events.itertuples() if not _overlaps(event, faults))
    return Score(table, false_alarms, len(flagged_events))
