"""Structured streaming from Kafka to Cassandra: a restart from the checkpoint loses and duplicates nothing."""

import pandas as pd
import pytest

from helpers.cassandra_io.schema import create_keyspace
from helpers.cassandra_io.sessions import connect
from helpers.data import generate
from helpers.kafka_io import create_topic, delete_topics
from helpers.spark import spark_session
from helpers.spark.streaming import create_hourly_energy_table, hourly_energy, readings, start_upserts
from helpers.stream import Simulation

pytestmark = pytest.mark.sandbox


def stored(session, keyspace) -> pd.DataFrame:
    rows = session.execute(f"SELECT region, type, hour, energy_mwh, readings FROM {keyspace}.hourly")
    return pd.DataFrame(list(rows), columns=["region", "type", "hour", "energy_mwh", "readings"])


def test_restart_from_checkpoint_neither_duplicates_nor_loses(sandbox, unique_name, tmp_path):
    session = connect()
    create_keyspace(session, unique_name, replication_factor=2)
    create_hourly_energy_table(session, unique_name, "hourly")
    create_topic(unique_name, partitions=3, recreate=True)
    spark = spark_session("test-spark-streaming")
    checkpoint = str(tmp_path / "checkpoint")

    def run_until_caught_up() -> list[dict]:
        hourly = hourly_energy(readings(spark, unique_name, max_offsets_per_trigger=500))
        query = start_upserts(hourly, unique_name, "hourly", checkpoint, {"availableNow": True})
        query.awaitTermination(240)
        assert query.exception() is None
        return query.recentProgress

    try:
        Simulation(unique_name, start="2016-06-01", end="2016-06-02").run()
        first = run_until_caught_up()
        assert len(stored(session, unique_name)) == 24 * 10

        Simulation(unique_name, start="2016-06-02", end="2016-06-03").run()
        second = run_until_caught_up()
        assert min(p["batchId"] for p in second) > max(p["batchId"] for p in first)
        assert sum(p["numInputRows"] for p in first + second) == 2 * 96 * 10

        third = run_until_caught_up()  # nothing new: no batch reads anything
        assert sum(p["numInputRows"] for p in third) == 0

        result = stored(session, unique_name)
        assert len(result) == 2 * 24 * 10
        assert set(result["readings"]) == {4}
        reference = (
            generate("2016-06-01", "2016-06-03")
            .assign(hour=lambda d: d["ts"].dt.floor("h").dt.tz_localize(None))
            .groupby(["region", "type", "hour"], observed=True)["value"]
            .sum()
            .div(4)
            .rename("reference")
            .reset_index()
            .astype({"region": str, "type": str})
        )
        both = result.merge(reference, on=["region", "type", "hour"], validate="one_to_one")
        assert len(both) == len(result)
        assert (both["energy_mwh"] - both["reference"]).abs().max() < 1e-6
    finally:
        spark.stop()
        delete_topics(unique_name)
        session.execute(f"DROP KEYSPACE IF EXISTS {unique_name}")
        session.cluster.shutdown()
