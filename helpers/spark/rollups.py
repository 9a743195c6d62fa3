"""Rollups of the generation table, written back to Cassandra for dashboards.

Two tables next to ``K.generation``, one partition per series and newest first, like the source:

- ``K.generation_hourly``: ``PRIMARY KEY ((region, type), hour)``; ``hour`` is the start of the UTC
  hour, ``energy_mwh`` the sum over the hour of value × 0.25 (each value is the mean MW over a
  quarter of an hour), ``readings`` how many quarter-hours there were (4 when the hour is complete).
- ``K.generation_daily``: ``PRIMARY KEY ((region, type), day)``; ``day`` a UTC ``date``,
  ``energy_mwh`` the same sum over the day, ``peak_mw`` the day's largest value, ``readings`` (96).

Every write is an upsert of a row computed from all the readings of its hour or day, so a rerun
writes the same rows again: the job is idempotent. ``since`` recomputes whole UTC days from a
date on, for a refresh after new data has arrived.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
from cassandra.cluster import Session
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

HOURS_PER_READING = 0.25
"""A value is the mean power (MW) over 15 minutes: it contributes MW × 0.25 h of energy."""
CASSANDRA = "org.apache.spark.sql.cassandra"


def hourly_table_cql(keyspace: str, table: str = "generation_hourly") -> str:
    return (
        f"CREATE TABLE IF NOT EXISTS {keyspace}.{table} (\n"
        "    region text, type text, hour timestamp, energy_mwh double, readings int,\n"
        "    PRIMARY KEY ((region, type), hour)\n"
        ") WITH CLUSTERING ORDER BY (hour DESC)"
    )


def daily_table_cql(keyspace: str, table: str = "generation_daily") -> str:
    return (
        f"CREATE TABLE IF NOT EXISTS {keyspace}.{table} (\n"
        "    region text, type text, day date, energy_mwh double, peak_mw double, readings int,\n"
        "    PRIMARY KEY ((region, type), day)\n"
        ") WITH CLUSTERING ORDER BY (day DESC)"
    )


def create_rollup_tables(session: Session, keyspace: str) -> None:
    """Create both rollup tables (if missing) and wait until every node agrees on the schema."""
    session.execute(hourly_table_cql(keyspace))
    session.execute(daily_table_cql(keyspace))
    session.cluster.control_connection.wait_for_schema_agreement()


def hourly(generation: DataFrame) -> DataFrame:
    """Energy (MWh) and number of readings per series and UTC hour (the session time zone must be UTC)."""
    return generation.groupBy("region", "type", F.date_trunc("hour", "ts").alias("hour")).agg(
        (F.sum("value") * HOURS_PER_READING).alias("energy_mwh"),
        F.count("value").cast("int").alias("readings"),
    )


def daily(generation: DataFrame) -> DataFrame:
    """Energy (MWh), peak (MW) and number of readings per series and UTC day."""
    return generation.groupBy("region", "type", F.to_date("ts").alias("day")).agg(
        (F.sum("value") * HOURS_PER_READING).alias("energy_mwh"),
        F.max("value").alias("peak_mw"),
        F.count("value").cast("int").alias("readings"),
    )


@dataclass(frozen=True)
class RollupResult:
    """Rows written to each table."""

    hourly_rows: int
    daily_rows: int


def write_rollups(
    spark: SparkSession, keyspace: str, source: str = "generation", since: dt.date | str | None = None
) -> RollupResult:
    """Read ``keyspace.source``, aggregate by hour and by day, upsert both rollup tables (created first).

    The source is read once and cached: both aggregates scan it. ``since`` (a UTC date) limits the
    work to the readings from that midnight on; the connector pushes the range to Cassandra.
    """
    from helpers.cassandra_io.sessions import connect

    session = connect()
    try:
        create_rollup_tables(session, keyspace)
    finally:
        session.cluster.shutdown()
    generation = spark.read.format(CASSANDRA).options(keyspace=keyspace, table=source).load()
    if since is not None:
        generation = generation.where(F.col("ts") >= F.lit(pd.Timestamp(since).strftime("%Y-%m-%d")).cast("timestamp"))
    generation = generation.where(F.col("value").isNotNull()).cache()
    try:
        tables = {"generation_hourly": hourly(generation), "generation_daily": daily(generation)}
        written = {}
        for table, frame in tables.items():
            frame = frame.cache()
            frame.write.format(CASSANDRA).options(keyspace=keyspace, table=table).mode("append").save()
            written[table] = frame.count()
            frame.unpersist()
    finally:
        generation.unpersist()
    return RollupResult(written["generation_hourly"], written["generation_daily"])


def hourly_pandas(rows: pd.DataFrame) -> pd.DataFrame:
    """The hourly rollup of rows in memory (ts UTC), the reference the tests compare with."""
    frame = rows.assign(hour=rows["ts"].dt.floor("h"))
    grouped = frame.groupby(["region", "type", "hour"], observed=True)["value"]
    return pd.DataFrame(
        {"energy_mwh": grouped.sum() * HOURS_PER_READING, "readings": grouped.count().astype("int32")}
    ).reset_index()


def daily_pandas(rows: pd.DataFrame) -> pd.DataFrame:
    """The daily rollup of rows in memory (ts UTC): day as a ``datetime.date``."""
    frame = rows.assign(day=rows["ts"].dt.floor("D").dt.date)
    grouped = frame.groupby(["region", "type", "day"], observed=True)["value"]
    return pd.DataFrame(
        {
            "energy_mwh": grouped.sum() * HOURS_PER_READING,
            "peak_mw": grouped.max(),
            "readings": grouped.count().astype("int32"),
        }
    ).reset_index()


def rollups_complete(session: Session, keyspace: str = "energydata") -> bool:
    """Whether ``keyspace.generation_daily`` covers the default dataset: every series, every reading of 2016.

    Reads one small partition per series (366 rows): the sum of ``readings`` must be the number of
    quarter-hours in the source. The daily table is written after the hourly one, so when the
    daily rollup is complete the hourly one is too.
    """
    from helpers.data.schema import REGIONS, TYPES
    from helpers.load.default import DEFAULT_END, DEFAULT_START, expected_rows

    tables = session.cluster.metadata.keyspaces.get(keyspace)
    if tables is None or "generation_daily" not in tables.tables or "generation_hourly" not in tables.tables:
        return False
    query = session.prepare(
        f"SELECT sum(readings) FROM {keyspace}.generation_daily WHERE region = ? AND type = ? AND day >= ? AND day < ?"
    )
    start, end = pd.Timestamp(DEFAULT_START).date(), pd.Timestamp(DEFAULT_END).date()
    futures = [session.execute_async(query, (r, t, start, end)) for r in REGIONS for t in TYPES]
    per_series = expected_rows() // (len(REGIONS) * len(TYPES))
    return all((future.result().one()[0] or 0) == per_series for future in futures)


def ensure_default_rollups(session: Session, keyspace: str = "energydata") -> bool:
    """Write the rollups of the default dataset with Spark unless they are complete; True if it ran the job.

    Lesson 09 writes them; a lesson that reads them calls this first, so that it does not depend on
    the order in which lessons run.
    """
    if rollups_complete(session, keyspace):
        return False
    from .session import spark_session

    spark = spark_session("rollup", wait_for_executors=False)  # a batch job: locality is not its point
    try:
        write_rollups(spark, keyspace)
    finally:
        spark.stop()
    return True
