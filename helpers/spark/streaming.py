"""Kafka → Spark Structured Streaming → Cassandra: hourly energy per series, as lesson 08 builds it.

Readings (the stream simulator's JSON messages) are grouped into event-time windows of one
hour with a watermark; each micro-batch's changed windows are upserted by (region, type,
hour), so a batch that runs twice after a failure writes the same rows again.

It also runs as a process of its own, the way a streaming job runs in production (lesson 08
kills it with SIGKILL and starts it again from its checkpoint)::

    python -m helpers.spark.streaming --topic T --keyspace K --checkpoint DIR [--max-offsets N]

It processes what the topic holds (trigger availableNow) and exits; each committed
micro-batch is logged as a line. ``progress_table`` and ``plot_watermark`` show a query's
micro-batches: the newest event time each one saw, and the watermark it ran with.
"""

from __future__ import annotations

import argparse
import logging
import re
import sys
from pathlib import Path

import pandas as pd
from cassandra.cluster import Session
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F
from pyspark.sql.streaming import StreamingQuery

from helpers.common.cli import command
from helpers.endpoints import kafka_bootstrap
from helpers.palette import BLACK, BLUE, SKY_BLUE, VERMILLION

log = logging.getLogger(__name__)

# The job's log lines, and what last_run reads back from them
STARTED = "starting from checkpoint"
WRITTEN, WRITTEN_PATTERN = "batch %d written to %s.%s", re.compile(r"batch (\d+) written")
CAUGHT_UP, CAUGHT_UP_PATTERN = "caught up: %d readings in %d batches", re.compile(r"caught up: (\d+) readings")

READING = "ts timestamp, type string, region string, value double"
EPOCH = pd.Timestamp(0, tz="UTC")


def hourly_energy_table_cql(keyspace: str, table: str) -> str:
    """One row per series and hour, newest first: the key of the windowed aggregate."""
    return (
        f"CREATE TABLE IF NOT EXISTS {keyspace}.{table} (region text, type text, hour timestamp, "
        "energy_mwh double, readings int, PRIMARY KEY ((region, type), hour)) "
        "WITH CLUSTERING ORDER BY (hour DESC)"
    )


def create_hourly_energy_table(session: Session, keyspace: str, table: str) -> None:
    session.execute(hourly_energy_table_cql(keyspace, table))
    session.cluster.control_connection.wait_for_schema_agreement()


def readings(spark: SparkSession, topic: str, max_offsets_per_trigger: int | None = None) -> DataFrame:
    """The topic from its beginning as a streaming DataFrame of readings: ts, type, region, value."""
    reader = (
        spark.readStream.format("kafka")
        .option("kafka.bootstrap.servers", kafka_bootstrap())
        .option("subscribe", topic)
        .option("startingOffsets", "earliest")
    )
    if max_offsets_per_trigger:
        reader = reader.option("maxOffsetsPerTrigger", max_offsets_per_trigger)
    return reader.load().select(F.from_json(F.col("value").cast("string"), READING).alias("r")).select("r.*")


def hourly_energy(stream: DataFrame, watermark: str = "2 hours") -> DataFrame:
    """Energy in MWh (sum of 15-minute MW / 4) and reading count per hour, region and type."""
    return (
        stream.withWatermark("ts", watermark)
        .groupBy(F.window("ts", "1 hour"), "region", "type")
        .agg((F.sum("value") / 4).alias("energy_mwh"), F.count("*").cast("int").alias("readings"))
        .select("region", "type", F.col("window.start").alias("hour"), "energy_mwh", "readings")
    )


def start_upserts(
    frame: DataFrame, keyspace: str, table: str, checkpoint: str, trigger: dict, name: str | None = None
) -> StreamingQuery:
    """Start writing ``frame`` to Cassandra in update mode, one upsert per micro-batch, from ``checkpoint``."""

    def upsert(batch: DataFrame, batch_id: int) -> None:
        batch.write.format("org.apache.spark.sql.cassandra").options(keyspace=keyspace, table=table).mode(
            "append"
        ).save()
        log.info(WRITTEN, batch_id, keyspace, table)

    writer = frame.writeStream.outputMode("update").foreachBatch(upsert).option("checkpointLocation", checkpoint)
    if name:
        writer = writer.queryName(name)
    return writer.trigger(**trigger).start()


def checkpoint_batches(checkpoint) -> dict[str, list[int]]:
    """The micro-batches a checkpoint records: "planned" (an offsets file: the Kafka offsets the batch
    covers, written before it runs) and "committed" (a commits file, written once its output is done)."""
    folder = Path(checkpoint)

    def ids(name: str) -> list[int]:
        entries = (folder / name).iterdir() if (folder / name).is_dir() else []
        return sorted(int(p.name) for p in entries if p.name.isdigit())

    return {"planned": ids("offsets"), "committed": ids("commits")}


def checkpoint_offsets(checkpoint, batch: int) -> dict[str, dict[str, int]]:
    """The Kafka offsets (per topic, per partition) up to which micro-batch ``batch`` reads: the last
    line of ``offsets/<batch>`` (the lines before it are a version and the batch's metadata)."""
    import json

    return json.loads((Path(checkpoint) / "offsets" / str(batch)).read_text().strip().splitlines()[-1])


def last_run(log_text: str) -> dict[str, object]:
    """What the job's log says about its last start: the micro-batches it wrote, in order, and the
    readings it read (None until it has caught up)."""
    since_start = log_text.split(STARTED)[-1]
    caught_up = CAUGHT_UP_PATTERN.search(since_start)
    return {
        "batches": [int(n) for n in WRITTEN_PATTERN.findall(since_start)],
        "readings": int(caught_up.group(1)) if caught_up else None,
    }


def _time(text: str | None):
    return pd.Timestamp(text) if text else pd.NaT


def progress_table(progress: list[dict]) -> pd.DataFrame:
    """One row per micro-batch of a query's progress reports: rows read, the oldest and newest event
    time among them, the watermark the batch ran with, rows dropped as too late, windows kept in state."""
    rows = []
    for report in progress:
        event = report.get("eventTime", {})
        operators = report.get("stateOperators") or [{}]
        watermark = _time(event.get("watermark"))
        rows.append(
            {
                "batch": report["batchId"],
                "rows": report["numInputRows"],
                "oldest": _time(event.get("min")),
                "newest": _time(event.get("max")),
                "watermark": pd.NaT if watermark == EPOCH else watermark,
                "dropped_late": sum(op.get("numRowsDroppedByWatermark", 0) for op in operators),
                "windows_in_state": sum(op.get("numRowsTotal", 0) for op in operators),
            }
        )
    table = pd.DataFrame(rows).set_index("batch")
    for column in ("oldest", "newest", "watermark"):
        table[column] = pd.to_datetime(table[column], utc=True)
    return table


def plot_watermark(table: pd.DataFrame, late: pd.DataFrame | None = None, ax=None, title: str | None = None):
    """Per micro-batch of ``progress_table``: the span of event times it read (a bar from oldest to
    newest), the newest event time seen so far (a solid step line), and the watermark the batch ran with (a
    dashed step line). ``late``: readings to mark with a cross (columns batch, ts), e.g. the ones the watermark
    dropped. Returns the Axes."""
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=(9, 3.8))

    def naive(values: pd.Series) -> pd.Series:  # matplotlib's dates want naive UTC, without NaT
        return values.dt.tz_convert(None) if values.dt.tz is not None else values

    data = table[table["rows"] > 0]
    ax.vlines(
        data.index, naive(data["oldest"]), naive(data["newest"]), color=SKY_BLUE, linewidth=6, label="event times read"
    )
    newest = naive(table["newest"]).ffill().cummax().dropna()
    ax.step(newest.index, newest, where="mid", color=BLUE, label="newest event time")
    watermark = naive(table["watermark"]).dropna()
    ax.step(
        watermark.index, watermark, where="mid", color=VERMILLION, linestyle="--", label="watermark (newest − delay)"
    )
    if late is not None and len(late):
        ax.scatter(
            late["batch"],
            naive(pd.to_datetime(late["ts"], utc=True)),
            marker="x",
            color=BLACK,
            zorder=3,
            label="late reading",
        )
    ax.set_xlabel("micro-batch")
    ax.set_ylabel("event time")
    ax.legend(loc="upper left", fontsize=8)
    if title:
        ax.set_title(title)
    return ax


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(
        prog="python -m helpers.spark.streaming",
        description="Hourly energy from a Kafka topic of readings into Cassandra, from a checkpoint; "
        "processes what the topic holds, then exits.",
    )
    main.add_argument("--topic", required=True)
    main.add_argument("--keyspace", required=True)
    main.add_argument("--table", default="hourly_energy")
    main.add_argument("--checkpoint", required=True, help="the query's checkpoint folder (created if missing)")
    main.add_argument("--max-offsets", type=int, default=0, help="at most this many readings per micro-batch")
    main.add_argument("--watermark", default="2 hours")
    main.add_argument("--master", help="default: the sandbox's (the standalone cluster)")
    return main


@command
def main(argv: list[str] | None = None) -> int:
    from helpers.cassandra_io.sessions import connect

    from .session import spark_session

    args = parser().parse_args(argv)
    session = connect()
    try:
        create_hourly_energy_table(session, args.keyspace, args.table)
    finally:
        session.cluster.shutdown()
    before = checkpoint_batches(args.checkpoint)
    log.info(
        STARTED + " %s: %d batches committed before",
        Path(args.checkpoint).name,
        len(before["committed"]),
    )
    spark = spark_session("hourly-energy-job", master=args.master, spark_sql_shuffle_partitions="3")
    try:
        frame = hourly_energy(readings(spark, args.topic, args.max_offsets or None), args.watermark)
        query = start_upserts(frame, args.keyspace, args.table, args.checkpoint, {"availableNow": True}, "hourly")
        query.awaitTermination()
        if query.exception():
            raise RuntimeError(str(query.exception()))
        read = sum(p["numInputRows"] for p in query.recentProgress)
        log.info(CAUGHT_UP, read, len(query.recentProgress))
    finally:
        spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
