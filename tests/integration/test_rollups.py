"""The rollup job on the real cluster: its tables equal a pandas computation on the same rows, a rerun
changes nothing, rows come newest first, and ``since`` refreshes whole days only."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pandas as pd
import pytest

from helpers.cassandra_io.schema import create_generation_table
from helpers.cassandra_io.sessions import connect
from helpers.cassandra_io.writes import GenerationWriter
from helpers.data import generate
from helpers.spark import spark_session
from helpers.spark.rollups import daily_pandas, hourly_pandas, write_rollups

pytestmark = pytest.mark.sandbox


@pytest.fixture(scope="module")
def rows() -> pd.DataFrame:
    """A week of every series around the spring clock change, with three readings missing from one hour
    and a whole hour missing from another, so that incomplete hours and days show in ``readings``."""
    frame = generate("2016-03-24", "2016-03-31").astype({"region": str, "type": str})
    series = frame["region"] + "/" + frame["type"]
    three = frame["ts"].between(pd.Timestamp("2016-03-27 01:15Z"), pd.Timestamp("2016-03-27 01:45Z"))
    whole_hour = frame["ts"].dt.floor("h") == pd.Timestamp("2016-03-28 11:00Z")
    missing = ((series == "tennet/wind") & three) | ((series == "DE/solar") & whole_hour)
    return frame[~missing].reset_index(drop=True)


@pytest.fixture(scope="module")
def keyspace(sandbox, rows):
    name = "t_rollups"
    session = connect()
    session.execute(f"DROP KEYSPACE IF EXISTS {name}")
    create_generation_table(session, name)
    GenerationWriter(session, name, "generation").write(rows)
    yield name
    session.execute(f"DROP KEYSPACE IF EXISTS {name}")
    session.cluster.shutdown()


def read_table(keyspace: str, table: str) -> pd.DataFrame:
    session = connect()
    try:
        frame = pd.DataFrame(list(session.execute(f"SELECT * FROM {keyspace}.{table}")))
    finally:
        session.cluster.shutdown()
    if "hour" in frame:
        frame["hour"] = pd.to_datetime(frame["hour"]).dt.tz_localize("UTC")
    if "day" in frame:
        frame["day"] = frame["day"].map(lambda d: d.date())
    keys = ["region", "type", "hour" if "hour" in frame else "day"]
    return frame.sort_values(keys, ignore_index=True)


def assert_equal_to_pandas(keyspace: str, rows: pd.DataFrame) -> None:
    for table, reference in (("generation_hourly", hourly_pandas(rows)), ("generation_daily", daily_pandas(rows))):
        stored = read_table(keyspace, table)
        reference = reference.sort_values(list(reference.columns[:3]), ignore_index=True)
        pd.testing.assert_frame_equal(stored[list(reference.columns)], reference, check_dtype=False, rtol=1e-9)


def run_cli(*args: str) -> dict:
    out = subprocess.run(
        [sys.executable, "-m", "helpers.spark", "rollup", *args], capture_output=True, text=True, timeout=600
    )
    assert out.returncode == 0, out.stderr[-3000:]
    return json.loads(out.stdout.splitlines()[-1])


def test_cli_rollups_equal_pandas_and_a_rerun_changes_nothing(keyspace, rows):
    hours = rows.groupby(["region", "type", rows["ts"].dt.floor("h")], observed=True).ngroups
    first = run_cli("--keyspace", keyspace)
    assert first == {"generation_hourly": hours, "generation_daily": 10 * 7}
    assert_equal_to_pandas(keyspace, rows)
    hourly = read_table(keyspace, "generation_hourly")
    incomplete = hourly[hourly["readings"] != 4]
    assert incomplete[["region", "type", "readings"]].values.tolist() == [["tennet", "wind", 1]]

    second = run_cli("--keyspace", keyspace)
    assert second == first
    pd.testing.assert_frame_equal(read_table(keyspace, "generation_hourly"), hourly)
    assert_equal_to_pandas(keyspace, rows)


def test_rollups_come_newest_first(keyspace, rows):
    session = connect()
    try:
        where = "WHERE region = 'DE' AND type = 'wind' LIMIT 1"
        hour = session.execute(f"SELECT hour FROM {keyspace}.generation_hourly {where}")
        day = session.execute(f"SELECT day FROM {keyspace}.generation_daily {where}")
        newest_hour, newest_day = hour.one().hour, day.one().day.date()
    finally:
        session.cluster.shutdown()
    assert newest_hour == dt.datetime(2016, 3, 30, 23)
    assert newest_day == dt.date(2016, 3, 30)


def test_since_recomputes_whole_days_from_that_date(keyspace, rows):
    changed = rows.copy()
    last_day = changed["ts"] >= pd.Timestamp("2016-03-30", tz="UTC")
    changed.loc[last_day, "value"] = changed.loc[last_day, "value"] + 1.0
    session = connect()
    try:
        GenerationWriter(session, keyspace, "generation").write(changed[last_day])
    finally:
        session.cluster.shutdown()
    spark = spark_session("test-rollups", wait_for_executors=False)
    try:
        result = write_rollups(spark, keyspace, since="2016-03-30")
    finally:
        spark.stop()
    assert (result.hourly_rows, result.daily_rows) == (10 * 24, 10)
    assert_equal_to_pandas(keyspace, changed)
