"""Spark on the real cluster: tasks run where their data is, and the monthly aggregate equals pandas."""

import json
import subprocess
import sys

import pandas as pd
import pytest

from helpers.cassandra_io.schema import create_generation_table
from helpers.cassandra_io.sessions import connect
from helpers.cassandra_io.writes import GenerationWriter
from helpers.data import generate
from helpers.sandbox.topology import MACHINES, machine_address
from helpers.spark import monthly_energy, monthly_energy_pandas, scan_locality, spark_session

pytestmark = pytest.mark.sandbox


@pytest.fixture(scope="module")
def rows():
    """Two months of every series: the rows the tests load and compare against."""
    return generate("2016-01-01", "2016-03-01")


@pytest.fixture(scope="module")
def loaded(sandbox, rows):
    """A keyspace with RF=2 holding ``rows`` in the seed's generation table; dropped afterwards."""
    keyspace = "t_spark_cassandra"
    session = connect()
    session.execute(f"DROP KEYSPACE IF EXISTS {keyspace}")
    create_generation_table(session, keyspace, replication_factor=2)
    GenerationWriter(session, keyspace, "generation").write(rows)
    yield keyspace
    session.execute(f"DROP KEYSPACE IF EXISTS {keyspace}")
    session.cluster.shutdown()


@pytest.fixture(scope="module")
def spark(loaded):
    session = spark_session("test-spark-cassandra")
    yield session
    session.stop()


def test_at_least_90_percent_of_scan_tasks_are_node_local_on_every_host(spark, loaded, rows):
    count, report = scan_locality(spark, loaded, "generation")
    assert count == len(rows)
    assert report.tasks >= 4
    assert report.node_local_fraction >= 0.9, report
    assert sorted(report.hosts) == [machine_address(m) for m in MACHINES]


def test_monthly_aggregate_equals_the_pandas_reference_on_the_same_rows(spark, loaded, rows):
    table = spark.read.format("org.apache.spark.sql.cassandra").options(keyspace=loaded, table="generation").load()
    result = monthly_energy(table, "region", "type").toPandas()
    reference = monthly_energy_pandas(rows.astype({"region": str, "type": str}), "region", "type")
    assert len(result) == 2 * 5 * 2
    pd.testing.assert_frame_equal(result, reference, check_dtype=False, rtol=1e-12)


def test_cli_prints_the_scan_tasks_per_locality_level_as_json(loaded):
    out = subprocess.run(
        [sys.executable, "-m", "helpers.spark", "locality", "--keyspace", loaded, "--table", "generation"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    counts = json.loads(out.stdout.splitlines()[0])
    assert {"NODE_LOCAL", "ANY"} <= counts.keys()
    assert counts["NODE_LOCAL"] / sum(counts.values()) >= 0.9, counts
