"""The power-curve table the live alerts join with: lesson 09's curve, fitted again and stored in Cassandra.

One row per series (the four control areas' wind and solar) and bin of the station reading, as lesson
09's ``power_curve``: the bin is 0.5 m/s of wind speed or 25 W/m² of irradiance, the reading the mean of
the three stations nearest the area's fleet, ``expected_mw`` the median hourly output of the year's
hours in the bin. ``spread_mw`` is lesson 09's plain-residual spread: 1.4826 × the median absolute
residual of those hours, at least 4 % of the series' high output (its 99th percentile).

A curve fitted on one year knows only the wind speeds that year had: 2016's stations never read
much above 18 m/s, where the turbines are still at rated power. Above the highest bin that holds at
least :data:`MIN_HOURS` hours, the wind rows come from the turbines' data sheet (cut-out at 25 m/s,
:mod:`helpers.data.power`), scaled to the fitted curve where both exist, with the widest spread the data
showed at high wind: the curve a wind analyst extends with the manufacturer's, marked ``data sheet``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from cassandra.cluster import Session
from cassandra.concurrent import execute_concurrent_with_args

from helpers.data import generate, weather
from helpers.data.capacity import installed_mw
from helpers.data.power import wind_fleet_output
from helpers.data.schema import AREAS
from helpers.spark.anomalies import nearest_stations

BIN_WIDTH = {"wind": 0.5, "solar": 25.0}
"""m/s of wind speed, W/m² of irradiance: lesson 09's bins."""
MIN_HOURS = 10
"""A bin with fewer hours says little: above the last wind bin with this many, the data sheet takes over."""
FLOOR_SHARE = 0.04
"""The spread is at least this share of the series' high output, as in lesson 09."""
HIGH_WIND = 12.0
"""Bins from this speed on (m/s) scale the data sheet to the fitted curve and give it its spread."""
TOP_SPEED = 40.0
"""The data-sheet rows reach this wind speed (m/s)."""
YEAR = ("2016-01-01", "2017-01-01")
COLUMNS = ["region", "type", "bin", "reading_from", "expected_mw", "spread_mw", "hours", "source"]


def area_readings(start: str, end: str) -> pd.DataFrame:
    """Hourly mean reading of the three stations nearest each area's fleet: region, type, hour, reading.

    Wind speed for wind, irradiance for solar; rounded to 6 decimals as lesson 09 does, so that a mean
    on a bin's edge falls in the same bin whatever order the readings are added in.
    """
    readings = weather(start, end).astype({"station_id": str}).rename(columns={"ts": "hour"})
    stacked = pd.concat(
        [
            readings[["hour", "station_id"]].assign(type="wind", reading=readings["wind_speed"]),
            readings[["hour", "station_id"]].assign(type="solar", reading=readings["irradiance"]),
        ]
    )
    nearest = nearest_stations(3)[["region", "type", "station_id"]]
    mean = stacked.merge(nearest, on=["type", "station_id"]).groupby(["region", "type", "hour"])["reading"].mean()
    return mean.round(6).reset_index()


def bins(frame: pd.DataFrame) -> pd.Series:
    """The bin of each row's ``reading`` (floor of reading / width of its type's bin)."""
    width = frame["type"].map(BIN_WIDTH)
    return np.floor(frame["reading"] / width).astype(int)


def fit(hourly: pd.DataFrame, readings: pd.DataFrame) -> pd.DataFrame:
    """The curve from ``hourly`` output (region, type, hour, mw) and :func:`area_readings`: see the module."""
    data = hourly.merge(readings, on=["region", "type", "hour"])
    data = data.assign(bin=bins(data))
    curve = data.groupby(["region", "type", "bin"])["mw"].agg(expected_mw="median", hours="size").reset_index()
    data = data.merge(curve, on=["region", "type", "bin"])
    absolute = (data["mw"] - data["expected_mw"]).abs().rename("absolute")
    spread = 1.4826 * pd.concat([data[["region", "type", "bin"]], absolute], axis=1).groupby(["region", "type", "bin"])[
        "absolute"
    ].median().rename("spread_mw")
    high = data.groupby(["region", "type"])["mw"].quantile(0.99).rename("high")
    curve = curve.join(spread, on=["region", "type", "bin"]).join(high, on=["region", "type"])
    curve["spread_mw"] = np.maximum(curve["spread_mw"], FLOOR_SHARE * curve["high"])
    curve["reading_from"] = curve["bin"] * curve["type"].map(BIN_WIDTH)
    return curve.assign(source="data")[COLUMNS]


def with_data_sheet(curve: pd.DataFrame, capacity_at: str = "2016-07-01") -> pd.DataFrame:
    """``curve`` with each area's wind rows above its data replaced by the data sheet's (see the module)."""
    width = BIN_WIDTH["wind"]
    capacity = dict(zip(AREAS, installed_mw("wind", pd.Timestamp(capacity_at, tz="UTC").timestamp())))
    parts = [curve[curve["type"] != "wind"]]
    for region, rows in curve[curve["type"] == "wind"].groupby("region"):
        last = rows.loc[rows["hours"] >= MIN_HOURS, "bin"].max()
        kept = rows[rows["bin"] <= last]
        high = kept[kept["reading_from"] >= HIGH_WIND]
        sheet_mw = capacity[region] * wind_fleet_output(high["reading_from"] + width / 2)
        scale = float(np.median(high["expected_mw"] / sheet_mw))
        extra = np.arange(last + 1, int(TOP_SPEED / width))
        sheet = pd.DataFrame(
            {
                "region": region,
                "type": "wind",
                "bin": extra,
                "reading_from": extra * width,
                "expected_mw": scale * capacity[region] * wind_fleet_output(extra * width + width / 2),
                "spread_mw": high["spread_mw"].max(),
                "hours": 0,
                "source": "data sheet",
            }
        )
        parts += [kept, sheet]
    return pd.concat(parts, ignore_index=True).sort_values(["region", "type", "bin"], ignore_index=True)


def _year_of_the_areas() -> pd.DataFrame:
    """The generator's quarter-hours of :data:`YEAR` for the four areas (no fault injected), with their hour."""
    frame = generate(*YEAR)
    frame = frame[frame["region"].isin(AREAS)].astype({"region": str, "type": str})
    return frame.assign(hour=frame["ts"].dt.floor("h"))


def default_curve() -> pd.DataFrame:
    """The curve of the default dataset computed from the generator, without a server (for the checks)."""
    hourly = _year_of_the_areas().groupby(["region", "type", "hour"])["value"].mean()
    return with_data_sheet(fit(hourly.rename("mw").reset_index(), area_readings(*YEAR)))


def year_scores(curve: pd.DataFrame) -> pd.DataFrame:
    """Every quarter-hour of :data:`YEAR` of the four areas, from the generator (no fault injected), with its
    hour's station reading, scored against ``curve`` as the alert job scores a reading: columns of the
    long format plus reading, expected_mw, spread_mw and z."""
    frame = _year_of_the_areas().merge(area_readings(*YEAR), on=["region", "type", "hour"])
    frame = frame.assign(bin=bins(frame)).merge(
        curve[["region", "type", "bin", "expected_mw", "spread_mw"]], on=["region", "type", "bin"]
    )
    return frame.assign(z=(frame["value"] - frame["expected_mw"]) / frame["spread_mw"])


def table_cql(keyspace: str, table: str = "power_curve") -> str:
    return (
        f"CREATE TABLE IF NOT EXISTS {keyspace}.{table} (\n"
        "    region text, type text, bin int, reading_from double, expected_mw double, spread_mw double,\n"
        "    hours int, source text,\n"
        "    PRIMARY KEY ((region, type), bin)\n"
        ")"
    )


def write_power_curve(session: Session, keyspace: str = "energydata") -> pd.DataFrame:
    """Fit the curve on the year's hourly rollup (``K.generation_hourly``, which must exist), extend it with
    the data sheet, upsert it into ``K.power_curve`` and return it. Rerunning writes the same rows."""
    query = session.prepare(
        f"SELECT hour, energy_mwh FROM {keyspace}.generation_hourly "
        "WHERE region = ? AND type = ? AND hour >= ? AND hour < ?"
    )
    start, end = (pd.Timestamp(day) for day in YEAR)
    frames = [
        pd.DataFrame(list(session.execute(query, (region, kind, start, end))), columns=["hour", "mw"]).assign(
            region=region, type=kind
        )
        for region in AREAS
        for kind in BIN_WIDTH
    ]
    hourly = pd.concat(frames, ignore_index=True)
    hourly["hour"] = pd.to_datetime(hourly["hour"]).dt.tz_localize("UTC")
    curve = with_data_sheet(fit(hourly, area_readings(*YEAR)))
    session.execute(table_cql(keyspace))
    session.cluster.control_connection.wait_for_schema_agreement()
    insert = session.prepare(
        f"INSERT INTO {keyspace}.power_curve ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})"
    )
    rows = [
        (
            r.region,
            r.type,
            int(r.bin),
            float(r.reading_from),
            float(r.expected_mw),
            float(r.spread_mw),
            int(r.hours),
            r.source,
        )
        for r in curve.itertuples()
    ]
    execute_concurrent_with_args(session, insert, rows, raise_on_first_error=True)
    return curve
