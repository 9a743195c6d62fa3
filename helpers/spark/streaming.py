"""Kafka → Spark Structured Streaming → Cassandra: hourly energy per series, as lesson 07 builds it.

Readings (the stream simulator's JSON messages) are grouped into event-time windows of one
hour with a watermark; each micro-batch's changed windows are upserted by (region, type,
hour), so a batch that runs twice after a failure writes the same rows again.
"""

from __future__ import annotations

from cassandra.cluster import Session
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F
from pyspark.sql.streaming import StreamingQuery

from helpers.endpoints import KAFKA_BOOTSTRAP

READING = "ts timestamp, type string, region string, value double"


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
        .option("kafka.bootstrap.servers", KAFKA_BOOTSTRAP)
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


def start_upserts(frame: DataFrame, keyspace: str, table: str, checkpoint: str, trigger: dict) -> StreamingQuery:
    """Start writing ``frame`` to Cassandra in update mode, one upsert per micro-batch, from ``checkpoint``."""

    def upsert(batch: DataFrame, _batch_id: int) -> None:
        batch.write.format("org.apache.spark.sql.cassandra").options(keyspace=keyspace, table=table).mode(
            "append"
        ).save()

    return (
        frame.writeStream.outputMode("update")
        .foreachBatch(upsert)
        .option("checkpointLocation", checkpoint)
        .trigger(**trigger)
        .start()
    )
