"""Spark on the real cluster: tasks run where their data is, the monthly aggregate equals pandas, the
plan and stages lesson 07 shows, direct joins, and an executor lost next to an RF 1 table."""

import json
import subprocess
import sys

import pandas as pd
import pytest
from pyspark.errors import AnalysisException
from pyspark.sql import functions as F

from helpers.cassandra_io.ring import placement, primary_node
from helpers.cassandra_io.schema import create_generation_table
from helpers.cassandra_io.sessions import connect
from helpers.cassandra_io.writes import GenerationWriter
from helpers.common.waiting import wait_until
from helpers.data import generate
from helpers.data.schema import REGIONS, TYPES
from helpers.sandbox.topology import MACHINES, machine_address
from helpers.spark import monthly_energy, monthly_energy_pandas, scan_locality, spark_session
from helpers.spark.aggregates import physical_plan
from helpers.spark.locality import preferred_hosts, remove_executor, run, stages, tasks
from helpers.spark.session import describe, executor_hosts, settings_missing

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


class Application:
    """The module's Spark application, started on first use; ``replace()`` after a test took an executor away,
    so that the tests after it, in whatever order they run, get an application with an executor on every machine."""

    def __init__(self):
        self.session = None

    def get(self):
        if self.session is None:
            self.session = spark_session("test-spark-cassandra")
        return self.session

    def replace(self) -> None:
        if self.session is not None:
            self.session.stop()
            self.session = None


@pytest.fixture(scope="module")
def application(loaded):
    app = Application()
    yield app
    app.replace()


@pytest.fixture
def spark(application):
    return application.get()


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


def test_the_monthly_aggregates_scan_tasks_are_node_local_on_three_workers(spark, loaded):
    table = spark.read.format("org.apache.spark.sql.cassandra").options(keyspace=loaded, table="generation").load()
    done = run(spark, monthly_energy(table, "type").collect, "monthly aggregate")
    scan = tasks(spark, done.group).query("input_stage")
    assert len(scan) >= 4
    assert scan["locality"].isin(["NODE_LOCAL", "PROCESS_LOCAL"]).mean() >= 0.9, scan
    assert sorted(scan["host"].unique()) == [machine_address(m) for m in MACHINES]


def test_spark_session_applies_its_settings_and_describe_shows_them(spark):
    assert settings_missing(spark) == {}  # Spark rewrites jar paths as file: URIs and adds JVM options
    shown = describe(spark)
    assert shown.loc["spark.sql.extensions", "value"] == "com.datastax.spark.connector.CassandraSparkExtensions"
    assert shown.loc["spark.jars", "value"].startswith("spark-cassandra-connector_")
    assert shown.loc["spark.cores.max", "value"] == "3"


def test_the_aggregate_runs_as_partial_aggregate_shuffle_final_aggregate(spark, loaded, rows):
    table = spark.read.format("org.apache.spark.sql.cassandra").options(keyspace=loaded, table="generation").load()
    query = table.groupBy("region", "type").agg(F.sum("value"))
    plan = physical_plan(query)
    final, exchange, partial = (plan.index(s) for s in ("functions=[sum", "Exchange hashpartitioning", "partial_sum"))
    assert final < exchange < partial  # printed top-down: the final aggregate above the shuffle above the partial one
    done = run(spark, query.collect, "per series")
    ran = stages(spark, done.group)
    assert ran["input_rows"].iloc[0] == len(rows)
    assert ran["shuffle_write_rows"].iloc[0] == 10  # one partial row per Cassandra partition: each is in one task
    assert ran["shuffle_read_rows"].iloc[-1] == 10


def test_a_direct_join_reads_only_its_keys_and_a_scan_reads_the_table(spark, loaded, rows):
    keys = spark.createDataFrame(rows.astype({"region": str, "type": str})[["region", "type", "ts"]].iloc[::500])
    read = {}
    for setting in ("on", "off"):
        table = (
            spark.read.format("org.apache.spark.sql.cassandra")
            .options(keyspace=loaded, table="generation", directJoinSetting=setting)
            .load()
        )
        joined = keys.join(table, ["region", "type", "ts"])
        assert ("Cassandra Direct Join" in physical_plan(joined)) == (setting == "on")
        done = run(spark, joined.collect, f"join {setting}")
        assert len(done.result) == keys.count()
        read[setting] = stages(spark, done.group)["input_rows"].sum()
    assert read == {"on": keys.count(), "off": len(rows)}


def test_the_rf1_home_computed_from_the_ring_is_the_drivers_first_replica(loaded):
    session = connect()
    try:
        for region, kind in rows_keys():
            first = placement(session, loaded, "generation", region, kind).replicas[0]
            assert primary_node(region, kind) == f"cassandra{first.rsplit('.', 1)[1]}", (region, kind)
    finally:
        session.cluster.shutdown()


def rows_keys():
    return [(region, kind) for region in REGIONS for kind in TYPES]


def test_rf1_splits_without_an_executor_next_to_them_run_any_and_rf2_splits_do_not(spark, application, loaded, rows):
    """It takes the application's executor on machine 3 away, then has the application replaced."""
    session = connect()
    try:
        keyspace = f"{loaded}_rf1"
        session.execute(f"DROP KEYSPACE IF EXISTS {keyspace}")
        create_generation_table(session, keyspace, replication_factor=1)
        GenerationWriter(session, keyspace, "generation").write(rows[rows["ts"] < "2016-01-08"])
        reader = spark.read.format("org.apache.spark.sql.cassandra").options(keyspace=keyspace, table="generation")
        # The connector's driver learns of a new table from schema events, a moment after this session made it.
        rf1 = wait_until(reader.load, 60, "the connector to see the RF 1 table", retry_on=(AnalysisException,))
        prefers = preferred_hosts(rf1)
        assert all(len(hosts) == 1 for hosts in prefers)
        remove_executor(spark, machine_address(3))
        assert machine_address(3) not in executor_hosts(spark)
        done = run(spark, rf1.toPandas, "rf1 scan without machine 3")  # rf1's own plan: the splits prefers lists
        scan = tasks(spark, done.group)
        on_three = scan[[prefers[p] == [machine_address(3)] for p in scan["partition"]]]
        assert len(on_three) >= 1 and set(on_three["locality"]) == {"ANY"}
        _, report = scan_locality(spark, loaded, "generation")  # RF 2: every split has a replica with an executor
        assert report.counts()["ANY"] == 0
    finally:
        application.replace()
        session.execute(f"DROP KEYSPACE IF EXISTS {loaded}_rf1")
        session.cluster.shutdown()
