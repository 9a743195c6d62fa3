"""Benchmark: how live the live alerts are. The time from a reading's Kafka timestamp to its alert row in
Cassandra (``WRITETIME``), through lesson 10's streaming query, against the control room's limit of 60 s.

    python bench/alert_latency.py [--runs 5]

Each run is the lesson's: a fresh topic and keyspace, the alert query started and through its first
(empty) micro-batch, then the storm-and-fault day replayed at three simulated hours per second; when
the query has caught up, every alert row's latency is read back. One Spark application serves all runs.
Results: bench/results/alert_latency.json and .md (the p95 over all runs' alert rows, and per run).
"""

from __future__ import annotations

import argparse
import tempfile
import uuid

import numpy as np
from common import environment, ratio, write_result

from helpers.alerts.curve import write_power_curve
from helpers.alerts.job import alert_latency_s, create_alert_tables, start_alerts
from helpers.alerts.scenario import STORM_AND_FAULT
from helpers.cassandra_io.schema import create_keyspace
from helpers.cassandra_io.sessions import connect
from helpers.common.waiting import wait_until
from helpers.kafka_io import create_topic, delete_topics
from helpers.load import ensure_default_dataset
from helpers.spark import spark_session
from helpers.spark.rollups import ensure_default_rollups
from helpers.stream import Simulation

LIMIT_S = 60.0


def one_run(spark, session) -> list[float]:
    name = f"bench_alerts_{uuid.uuid4().hex[:8]}"
    create_keyspace(session, name, replication_factor=2)
    create_alert_tables(session, name)
    create_topic(name, partitions=3, recreate=True)
    query = start_alerts(spark, name, name, tempfile.mkdtemp())
    try:
        wait_until(lambda: query.lastProgress is not None, timeout_s=120, what="the alert query's first micro-batch")
        Simulation(name, speed=3 * 3600, start="2016-10-17", end="2016-10-18", scenario=STORM_AND_FAULT).run()
        query.processAllAvailable()
        return alert_latency_s(session, name)
    finally:
        query.stop()
        session.execute(f"DROP KEYSPACE IF EXISTS {name}")
        delete_topics(name)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    session = connect()
    ensure_default_dataset(progress=False)
    ensure_default_rollups(session)
    write_power_curve(session)
    spark = spark_session("bench-alert-latency", wait_for_executors=False)
    try:
        runs = [one_run(spark, session) for _ in range(args.runs)]
    finally:
        spark.stop()
        session.cluster.shutdown()
    every = np.concatenate(runs)
    p95 = round(float(np.percentile(every, 95)), 2)
    per_run = [
        {
            "alerts": len(r),
            "p50_s": round(float(np.median(r)), 2),
            "p95_s": round(float(np.percentile(r, 95)), 2),
            "max_s": round(float(max(r)), 2),
        }
        for r in runs
    ]
    document = {
        "benchmark": "alert_latency",
        "metrics": {"runs": per_run, "alerts": len(every), "p95_s": p95, "max_s": round(float(every.max()), 2)},
        "ratios": [
            ratio(
                "p95 Kafka timestamp to alert row",
                p95,
                LIMIT_S,
                "s",
                lower_is_better=True,
                target=1.0,
                against="the 60 s a control room allows",
            )
        ],
        "environment": environment("kafka", "cassandra", "spark"),
    }
    rows = "\n".join(
        f"| {k + 1} | {r['alerts']} | {r['p50_s']} | {r['p95_s']} | {r['max_s']} |" for k, r in enumerate(per_run)
    )
    markdown = (
        "# Live alerts: Kafka timestamp to alert row\n\n"
        f"{args.runs} runs of lesson 10's storm-and-fault day through the alert query (`bench/alert_latency.py`); "
        f"{len(every)} alert rows. **p95 {p95} s** over all of them (limit {LIMIT_S:g} s), max {every.max():.2f} s.\n\n"
        "| run | alert rows | p50 s | p95 s | max s |\n|---|---|---|---|---|\n" + rows + "\n\n"
        f"Environment: {document['environment']}\n"
    )
    print(markdown)
    write_result(document, markdown)


if __name__ == "__main__":
    main()
