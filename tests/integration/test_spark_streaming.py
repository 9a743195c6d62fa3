"""Structured streaming from Kafka to Cassandra: a restart from the checkpoint loses and duplicates nothing,
after a clean stop and after the job's process is killed in the middle of a micro-batch."""

import os
import signal
import subprocess
import sys

import pandas as pd
import pytest

from helpers.cassandra_io.schema import create_keyspace
from helpers.cassandra_io.sessions import connect
from helpers.common.waiting import wait_until
from helpers.data import generate
from helpers.kafka_io import create_topic, delete_topics
from helpers.kafka_io.offsets import log_offsets
from helpers.spark import spark_session
from helpers.spark.streaming import (
    checkpoint_batches,
    checkpoint_offsets,
    create_hourly_energy_table,
    hourly_energy,
    last_run,
    readings,
    start_upserts,
)
from helpers.stream import Simulation

pytestmark = pytest.mark.sandbox


def stored(session, keyspace, table="hourly") -> pd.DataFrame:
    rows = session.execute(f"SELECT region, type, hour, energy_mwh, readings FROM {keyspace}.{table}")
    return pd.DataFrame(list(rows), columns=["region", "type", "hour", "energy_mwh", "readings"])


def reference(start, end) -> pd.DataFrame:
    """Energy per series and hour computed from the generator with pandas."""
    return (
        generate(start, end)
        .assign(hour=lambda d: d["ts"].dt.floor("h").dt.tz_localize(None))
        .groupby(["region", "type", "hour"], observed=True)["value"]
        .sum()
        .div(4)
        .rename("reference")
        .reset_index()
        .astype({"region": str, "type": str})
    )


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
        both = result.merge(reference("2016-06-01", "2016-06-03"), on=["region", "type", "hour"], validate="one_to_one")
        assert len(both) == len(result)
        assert (both["energy_mwh"] - both["reference"]).abs().max() < 1e-6
    finally:
        spark.stop()
        delete_topics(unique_name)
        session.execute(f"DROP KEYSPACE IF EXISTS {unique_name}")
        session.cluster.shutdown()


def start_job(topic: str, keyspace: str, checkpoint, log, max_offsets: int) -> subprocess.Popen:
    command = [sys.executable, "-m", "helpers.spark.streaming", "--topic", topic, "--keyspace", keyspace]
    command += ["--checkpoint", str(checkpoint), "--max-offsets", str(max_offsets)]
    return subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)


def test_a_job_killed_in_a_micro_batch_resumes_it_from_the_checkpoint_and_loses_and_doubles_nothing(
    sandbox, unique_name, tmp_path
):
    session = connect()
    create_keyspace(session, unique_name, replication_factor=2)
    create_topic(unique_name, partitions=3, recreate=True)
    checkpoint = tmp_path / "checkpoint"
    log_path = tmp_path / "job.log"

    def running() -> bool:
        batches = checkpoint_batches(checkpoint)
        return len(batches["committed"]) >= 2 and batches["planned"][-1] not in batches["committed"]

    try:
        Simulation(unique_name, start="2016-06-01", end="2016-06-02").run()
        with open(log_path, "a") as log:
            job = start_job(unique_name, unique_name, checkpoint, log, max_offsets=60)
            wait_until(running, 300, "a micro-batch in flight", interval_s=0.02)
            os.killpg(job.pid, signal.SIGKILL)
            assert job.wait(timeout=60) == -signal.SIGKILL
            interrupted = checkpoint_batches(checkpoint)["planned"][-1]
            planned = checkpoint_offsets(checkpoint, interrupted)

            Simulation(unique_name, start="2016-06-02", end="2016-06-03").run()
            job = start_job(unique_name, unique_name, checkpoint, log, max_offsets=5000)
            assert job.wait(timeout=600) == 0, log_path.read_text()[-3000:]
        log_text = log_path.read_text()
        resumed = last_run(log_text)["batches"]
        assert resumed and resumed[0] == interrupted, (interrupted, resumed, log_text[-3000:])
        assert checkpoint_offsets(checkpoint, interrupted) == planned
        last = checkpoint_batches(checkpoint)["planned"][-1]
        assert checkpoint_offsets(checkpoint, last)[unique_name] == {
            str(p): o for p, o in log_offsets(unique_name).items()
        }

        result = stored(session, unique_name, "hourly_energy")
        assert len(result) == 2 * 24 * 10 and set(result["readings"]) == {4}
        both = result.merge(reference("2016-06-01", "2016-06-03"), on=["region", "type", "hour"], validate="one_to_one")
        assert len(both) == len(result)
        assert (both["energy_mwh"] - both["reference"]).abs().max() < 1e-6
    finally:
        delete_topics(unique_name)
        session.execute(f"DROP KEYSPACE IF EXISTS {unique_name}")
        session.cluster.shutdown()
