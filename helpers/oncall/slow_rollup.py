"""Incident "slow-rollup": spark-worker3 is stopped under a running application. The master replaces the lost
executor on another worker, so the application keeps three cores but has none on machine 3, and the nightly
rollup of an RF 1 table (each token range on one node only) runs the tasks of cassandra3's ranges at level ANY,
after waiting spark.locality.wait for a core there. Repaired when the application has an executor on every
machine and a rerun of the rollup is NODE_LOCAL throughout. Starting the worker alone does not do it: the
application already has its three cores, and the master gives it nothing more."""

from __future__ import annotations

import datetime as dt
import itertools

from cassandra.concurrent import execute_concurrent_with_args

from helpers import sandbox
from helpers.cassandra_io.schema import create_generation_table
from helpers.cassandra_io.sessions import connect
from helpers.common.errors import WorkshopError
from helpers.common.waiting import wait_until
from helpers.oncall.incident import Incident, drop_keyspace, is_up, keyspace_exists, register
from helpers.sandbox import topology
from helpers.spark.locality import tasks
from helpers.spark.session import executor_hosts

KEYSPACE = "nb11_rf1"
WORKER = "spark-worker3"
REGIONS = ("50hertz", "amprion", "tennet", "transnetbw", "DE")
LOCAL = {"PROCESS_LOCAL", "NODE_LOCAL"}
_runs = itertools.count(1)


def active_spark():
    from pyspark.sql import SparkSession

    spark = SparkSession.getActiveSession()
    if spark is None:
        raise WorkshopError("No Spark session runs in this kernel: start the lesson's session (spark_session()) first.")
    return spark


def worker_address() -> str:
    return topology.by_name(WORKER).address


def load_week() -> None:
    """A week of every series into nb11_rf1.generation, one replica of each row."""
    session = connect()
    try:
        create_generation_table(session, KEYSPACE, replication_factor=1)
        insert = session.prepare(f"INSERT INTO {KEYSPACE}.generation (region, type, ts, value) VALUES (?, ?, ?, ?)")
        start = dt.datetime(2016, 6, 20)
        rows = [
            (region, kind, start + dt.timedelta(minutes=15 * k), 100.0 + k)
            for region in REGIONS
            for kind in ("solar", "wind")
            for k in range(7 * 96)
        ]
        execute_concurrent_with_args(session, insert, rows, concurrency=100, raise_on_first_error=True)
    finally:
        session.cluster.shutdown()


def run_rollup(spark, group: str | None = None) -> str:
    """The nightly rollup (daily energy per series) in a job group of its own, 'nightly-rollup-N' (or ``group``);
    returns the group."""
    from pyspark.sql import functions as F

    group = group or f"nightly-rollup-{next(_runs)}"
    sc = spark.sparkContext
    sc.setJobGroup(group, "nightly rollup")
    try:
        (
            spark.read.format("org.apache.spark.sql.cassandra")
            .options(keyspace=KEYSPACE, table="generation")
            .load()
            .groupBy("region", "type", F.to_date("ts").alias("day"))
            .agg((F.sum("value") * 0.25).alias("energy_mwh"))
            .collect()
        )
    finally:
        sc.setLocalProperty("spark.jobGroup.id", None)
        sc.setLocalProperty("spark.job.description", None)
    return group


def inject() -> list[str]:
    spark = active_spark()
    load_week()
    run_rollup(spark, "warm-up")  # executors start cold: the first job on them is slow whatever its locality
    before = run_rollup(spark)
    spark.sparkContext.setLogLevel("FATAL")  # the driver logs the lost executor as an ERROR: expected here
    sandbox.stop(WORKER)
    wait_until(
        lambda: len(hosts := executor_hosts(spark)) >= 3 and worker_address() not in hosts,
        120,
        "the master to replace the lost executor",
        retry_on=(OSError,),
    )
    spark.sparkContext.setLogLevel("ERROR")
    after = run_rollup(spark)
    return [
        f"nightly rollup of {KEYSPACE} (Spark job group '{after}'): several times slower than '{before}', "
        "the run before it, on the same data",
        "no error in the job, and the same results",
    ]


def problems(evidence) -> list[str]:
    if not is_up(WORKER):
        return [f"{WORKER} is not up."]
    spark = active_spark()
    if worker_address() not in executor_hosts(spark):
        return [
            f"{WORKER} is up, but this application has no executor on machine 3 ({worker_address()}): the tasks of "
            "cassandra3's token ranges still cannot run next to their data. What would give it one there?"
        ]
    if not isinstance(evidence, str) or not evidence:
        return ["give the job group of your rerun of the rollup (run_rollup returns it)."]
    ran = tasks(spark, evidence)
    ran = ran[ran["input_stage"]]  # the scan's tasks; the aggregation's second stage reads shuffle output
    if ran.empty:
        return [f"no task ran in job group {evidence!r} of this application: rerun the rollup in this session."]
    remote = ran[~ran["locality"].isin(LOCAL)]
    if not remote.empty:
        return [f"{len(remote)} of {len(ran)} tasks of {evidence!r} still ran at level {remote['locality'].iloc[0]}."]
    return []


def reset() -> None:
    if not is_up(WORKER):
        sandbox.start(WORKER)
    drop_keyspace(KEYSPACE)


register(
    Incident(
        key="slow-rollup",
        pager="batch: the nightly rollup of nb11_rf1 took several times longer than the night before; same data.",
        causes={
            "A": ("a Cassandra node is down, and the connector retries the token ranges it holds until they time out"),
            "B": ("too few shuffle partitions: the aggregation's second stage spills its rows to disk"),
            "C": ("the driver runs short of memory collecting the result and spends its time collecting garbage"),
            "D": (
                "the data is skewed: one Cassandra partition is far larger than the others, and one task reads it all"
            ),
            "E": (
                "a worker is gone: the application's executors are elsewhere, and tasks for one node's data "
                "wait, then run ANY"
            ),
        },
        component=WORKER,
        cause="E",
        component_hint=(
            "Compare the two runs task by task (the driver's REST API: helpers.spark.locality.tasks): on which "
            "hosts did they run, at which locality level? Then ask the sandbox which servers are up."
        ),
        cause_hint=(
            "Look at the slow run's tasks: which ones started late, and at which locality level did they run? "
            "Which node holds their token ranges at RF 1?"
        ),
        inject=inject,
        problems=problems,
        reset=reset,
        present=lambda: keyspace_exists(KEYSPACE),
    )
)
