"""Data locality of a finished Spark job, from the driver's REST API.

Spark records for every task the locality level it was scheduled at: NODE_LOCAL means the
executor ran on a host the input partition preferred (for the Spark Cassandra Connector:
a replica of the partition's token range), ANY means it read over the network.
"""

from __future__ import annotations

import json
import urllib.request
import uuid
from collections import Counter
from dataclasses import dataclass, field

from helpers.common.waiting import wait_until

LEVELS = ("PROCESS_LOCAL", "NODE_LOCAL", "NO_PREF", "RACK_LOCAL", "ANY")


@dataclass
class LocalityReport:
    """Scan tasks counted by locality level, and by executor host and level."""

    levels: dict[str, int]
    hosts: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def tasks(self) -> int:
        return sum(self.levels.values())

    @property
    def node_local_fraction(self) -> float:
        """Share of tasks that ran on a node holding their data (PROCESS_LOCAL counts too)."""
        local = self.levels.get("NODE_LOCAL", 0) + self.levels.get("PROCESS_LOCAL", 0)
        return local / self.tasks if self.tasks else 0.0

    def counts(self) -> dict[str, int]:
        """Levels seen, with NODE_LOCAL and ANY always present: {"NODE_LOCAL": 10, "ANY": 0}."""
        seen = {"NODE_LOCAL": 0, "ANY": 0, **self.levels}
        return {level: seen[level] for level in LEVELS if level in seen}


def _get(spark, path: str):
    sc = spark.sparkContext
    url = f"{sc.uiWebUrl}/api/v1/applications/{sc.applicationId}/{path}"
    return json.loads(urllib.request.urlopen(url, timeout=30).read())


def _finished_stage(spark, stage_id: int, timeout: float) -> dict:
    """The stage's REST record, once the listener has recorded all of its tasks."""

    def recorded() -> dict | None:
        stage = max(_get(spark, f"stages/{stage_id}"), key=lambda s: s["attemptId"])
        done = stage["numCompleteTasks"] + stage["numFailedTasks"] + stage["numKilledTasks"]
        return stage if stage["status"] == "SKIPPED" or done >= stage["numTasks"] else None

    return wait_until(recorded, timeout, f"Spark's listener to record every task of stage {stage_id}", 0.2)


def job_group_report(spark, group: str, timeout: float = 30.0) -> LocalityReport:
    """Locality of the input (scan) stages of all jobs run under ``group``: stages that read no shuffle."""
    tracker = spark.sparkContext.statusTracker()
    stage_ids = sorted({s for job in tracker.getJobIdsForGroup(group) for s in tracker.getJobInfo(job).stageIds})
    levels, hosts = Counter(), {}
    for stage_id in stage_ids:
        stage = _finished_stage(spark, stage_id, timeout)
        if stage["status"] == "SKIPPED" or stage["shuffleReadRecords"] > 0:
            continue
        tasks = _get(spark, f"stages/{stage_id}/{stage['attemptId']}/taskList?length=100000")
        for task in tasks:
            if task["status"] != "SUCCESS":
                continue
            levels[task["taskLocality"]] += 1
            per_host = hosts.setdefault(task["host"], {})
            per_host[task["taskLocality"]] = per_host.get(task["taskLocality"], 0) + 1
    return LocalityReport(dict(levels), dict(sorted(hosts.items())))


def measure(spark, action, description: str = "locality") -> tuple[object, LocalityReport]:
    """Run ``action()`` (e.g. ``df.count``) in its own job group; return its result and the locality report."""
    sc = spark.sparkContext
    group = f"{description}-{uuid.uuid4().hex[:8]}"
    sc.setJobGroup(group, description)
    try:
        result = action()
    finally:
        sc.setLocalProperty("spark.jobGroup.id", None)
    return result, job_group_report(spark, group)


def preferred_hosts(frame) -> list[list[str]]:
    """For each Spark partition of a DataFrame's input scan, the hosts it prefers to run on, sorted.

    For a Cassandra table these are the replicas of the partition's token ranges, as the
    connector reports them (an address, and its reverse-DNS name when it has one).
    """
    rdd = frame._jdf.queryExecution().toRdd()
    while rdd.dependencies().size() > 0:
        rdd = rdd.dependencies().head().rdd()
    return [sorted(rdd.getPreferredLocations(p).mkString(",").split(",")) for p in rdd.partitions()]


def scan_locality(spark, keyspace: str, table: str) -> tuple[int, LocalityReport]:
    """Full scan (count) of a Cassandra table through the connector: rows and locality report."""
    frame = spark.read.format("org.apache.spark.sql.cassandra").options(keyspace=keyspace, table=table).load()
    return measure(spark, frame.count, f"scan {keyspace}.{table}")
