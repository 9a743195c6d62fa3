"""A SparkSession for the sandbox: the standalone cluster (or local mode on the minimal profile),
the Spark Cassandra Connector and Kafka jars resolved by Maven, loopback-only networking."""
from __future__ import annotations

import os
import sys

from helpers.endpoints import cassandra_contact_points, require, spark_master_url
from helpers.sandbox import artifacts

SMALL_MACHINE_DEFAULTS = {
    "spark.driver.memory": "768m",
    "spark.executor.memory": "768m",
    "spark.executor.cores": "2",      # one executor per worker, so each reads from its own node
    "spark.cores.max": "4",
    "spark.sql.shuffle.partitions": "8",
    "spark.ui.showConsoleProgress": "false",
    "spark.driver.host": "127.0.0.1",
    "spark.driver.bindAddress": "127.0.0.1",
    "spark.cassandra.connection.port": "9042",
}


def spark_session(app_name: str = "energy-workshop", **conf: str):
    """Get or create the SparkSession. Keyword arguments override settings: spark_sql_shuffle_partitions="4"
    sets spark.sql.shuffle.partitions (underscores become dots)."""
    require("cassandra", "spark")
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")  # the driver's UI binds here, not on 0.0.0.0
    os.environ["PYSPARK_PYTHON"] = sys.executable       # executors use this same interpreter
    from pyspark.sql import SparkSession

    settings = {**SMALL_MACHINE_DEFAULTS,
                "spark.jars": ",".join(str(p) for p in artifacts.resolve("spark", quiet=True)),
                "spark.cassandra.connection.host": ",".join(cassandra_contact_points()),
                **{k.replace("_", "."): str(v) for k, v in conf.items()}}
    builder = SparkSession.builder.appName(app_name).master(spark_master_url())
    for key, value in settings.items():
        builder = builder.config(key, value)
    return builder.getOrCreate()
