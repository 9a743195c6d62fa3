"""The live alert job: Kafka → Spark Structured Streaming, joined with the power-curve table → Cassandra.

Each reading that carries its area's station reading is scored as it arrives: its residual from the
power curve (a stream-static join with ``energydata.power_curve``), over the curve's spread: lesson
09's plain residual, reading by reading. Every scored reading is upserted into ``K.scored``, those
beyond ±:data:`THRESHOLD` into ``K.alerts`` as well; both are keyed by series and time, newest first,
so a micro-batch that runs twice writes the same rows. Each row keeps its reading's Kafka timestamp
(``kafka_ts``); ``WRITETIME`` of the row says when it was written.

The job reads the topic and the curve table, nothing else: the scenario's labels never reach it.
"""

from __future__ import annotations

import datetime as dt

from cassandra.cluster import Session
from pyspark.sql import Column, DataFrame, SparkSession
from pyspark.sql import functions as F
from pyspark.sql.streaming import StreamingQuery

from helpers.endpoints import kafka_bootstrap

CASSANDRA = "org.apache.spark.sql.cassandra"
THRESHOLD = 3.5
"""|z| beyond which a reading is an alert: the threshold lesson 09 chose for the plain residual."""
MESSAGE = "ts timestamp, type string, region string, value double, reading double"
SCORED_COLUMNS = ["region", "type", "ts", "value", "reading", "expected_mw", "spread_mw", "z", "kafka_ts"]


def table_cql(keyspace: str, table: str) -> str:
    """``scored`` and ``alerts`` have the same columns: one partition per series, newest first."""
    return (
        f"CREATE TABLE IF NOT EXISTS {keyspace}.{table} (\n"
        "    region text, type text, ts timestamp, value double, reading double,\n"
        "    expected_mw double, spread_mw double, z double, kafka_ts timestamp,\n"
        "    PRIMARY KEY ((region, type), ts)\n"
        ") WITH CLUSTERING ORDER BY (ts DESC)"
    )


def create_alert_tables(session: Session, keyspace: str) -> None:
    for table in ("scored", "alerts"):
        session.execute(table_cql(keyspace, table))
    session.cluster.control_connection.wait_for_schema_agreement()


def kafka_readings(spark: SparkSession, topic: str) -> DataFrame:
    """The topic from its beginning as a stream of ts, type, region, value, reading and kafka_ts
    (the moment the broker took the message); messages without a station reading (DE's) are left out."""
    messages = (
        spark.readStream.format("kafka")
        .option("kafka.bootstrap.servers", kafka_bootstrap())
        .option("subscribe", topic)
        .option("startingOffsets", "earliest")
        .load()
    )
    parsed = messages.select(
        F.from_json(F.col("value").cast("string"), MESSAGE).alias("r"), F.col("timestamp").alias("kafka_ts")
    )
    return parsed.select("r.*", "kafka_ts").where(F.col("reading").isNotNull())


def curve_bin() -> Column:
    """The power curve's bin of a reading: 0.5 m/s of wind, 25 W/m² of irradiance (lesson 09's)."""
    width = F.when(F.col("type") == "wind", F.lit(0.5)).otherwise(F.lit(25.0))
    return F.floor(F.col("reading") / width).cast("int")


def power_curve(spark: SparkSession, keyspace: str = "energydata") -> DataFrame:
    return spark.read.format(CASSANDRA).options(keyspace=keyspace, table="power_curve").load()


def score(readings: DataFrame, curve: DataFrame) -> DataFrame:
    """The stream-static join: each reading meets its series' curve row for its bin, then z."""
    return (
        readings.withColumn("bin", curve_bin())
        .join(F.broadcast(curve.select("region", "type", "bin", "expected_mw", "spread_mw")), ["region", "type", "bin"])
        .withColumn("z", (F.col("value") - F.col("expected_mw")) / F.col("spread_mw"))
        .select(*SCORED_COLUMNS)
    )


def start_alert_sink(
    scored: DataFrame, keyspace: str, checkpoint: str, threshold: float = THRESHOLD, name: str | None = None
) -> StreamingQuery:
    """Upsert each micro-batch into ``K.scored``, and its readings beyond ±threshold into ``K.alerts``."""

    def write(batch: DataFrame, _batch_id: int) -> None:
        batch.persist()
        for table, rows in (("scored", batch), ("alerts", batch.where(F.abs("z") > threshold))):
            rows.write.format(CASSANDRA).options(keyspace=keyspace, table=table).mode("append").save()
        batch.unpersist()

    writer = scored.writeStream.foreachBatch(write).option("checkpointLocation", checkpoint)
    return (writer.queryName(name) if name else writer).start()


def start_alerts(spark: SparkSession, topic: str, keyspace: str, checkpoint: str) -> StreamingQuery:
    """The whole job: :func:`kafka_readings` of ``topic``, :func:`score`, :func:`start_alert_sink`."""
    return start_alert_sink(score(kafka_readings(spark, topic), power_curve(spark)), keyspace, checkpoint)


def alert_latency_s(session: Session, keyspace: str) -> list[float]:
    """For each row of ``K.alerts``, the seconds from its reading's Kafka timestamp to the row's write
    (``WRITETIME``, microseconds), in the order the table returns them."""
    rows = session.execute(f"SELECT kafka_ts, WRITETIME(z) AS written FROM {keyspace}.alerts")
    return [row.written / 1e6 - row.kafka_ts.replace(tzinfo=dt.UTC).timestamp() for row in rows]
