"""How a finished Spark job ran, from the driver's REST API: its stages, its tasks, and their locality.

Spark records for every task the locality level it was scheduled at: NODE_LOCAL means the
executor ran on a host the input partition preferred (for the Spark Cassandra Connector:
a replica of the partition's token range), ANY means it read over the network.

    result = run(spark, frame.collect, "monthly aggregate")   # the action, in its own job group
    stages(spark, result.group)                               # one row per stage: tasks, rows in/out
    tasks(spark, result.group)                                # one row per task: executor, locality, times
    plot_timeline(tasks(spark, result.group))                 # the tasks per executor, coloured and hatched by locality
"""

from __future__ import annotations

import ipaddress
import json
import time
import urllib.request
import uuid
from collections import Counter
from dataclasses import dataclass, field

import pandas as pd

from helpers.common.waiting import wait_until
from helpers.palette import BLUE, BLUISH_GREEN, REDDISH_PURPLE, SKY_BLUE, VERMILLION

from .session import REST_TIMEOUT_S

LEVELS = ("PROCESS_LOCAL", "NODE_LOCAL", "NO_PREF", "RACK_LOCAL", "ANY")
COLOURS = {
    "PROCESS_LOCAL": SKY_BLUE,
    "NODE_LOCAL": BLUISH_GREEN,
    "NO_PREF": REDDISH_PURPLE,
    "RACK_LOCAL": BLUE,
    "ANY": VERMILLION,
}
HATCHES = {"PROCESS_LOCAL": "..", "NODE_LOCAL": "", "NO_PREF": "\\\\", "RACK_LOCAL": "//", "ANY": "xx"}
"""Each level's hatch, so that it is not told by colour alone: the local levels plain or dotted, ANY crossed."""


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


@dataclass
class Run:
    """An action run in its own job group: what it returned, the group's id, and its wall time."""

    result: object
    group: str
    seconds: float


def rest(spark, path: str):
    """GET ``/api/v1/applications/<this application>/<path>`` from the driver's REST API, as JSON."""
    sc = spark.sparkContext
    url = f"{sc.uiWebUrl}/api/v1/applications/{sc.applicationId}/{path}"
    return json.loads(urllib.request.urlopen(url, timeout=REST_TIMEOUT_S).read())


def run(spark, action, description: str = "job") -> Run:
    """Run ``action()`` (e.g. ``frame.collect``) in a job group of its own, timed."""
    sc = spark.sparkContext
    group = f"{description}-{uuid.uuid4().hex[:8]}"
    sc.setJobGroup(group, description)
    began = time.perf_counter()
    try:
        result = action()
    finally:
        sc.setLocalProperty("spark.jobGroup.id", None)
        sc.setLocalProperty("spark.job.description", None)
    return Run(result, group, time.perf_counter() - began)


def _stage_ids(spark, group: str) -> list[int]:
    tracker = spark.sparkContext.statusTracker()
    return sorted({s for job in tracker.getJobIdsForGroup(group) for s in tracker.getJobInfo(job).stageIds})


def _ran_stages(spark, group: str, timeout: float) -> list[tuple[int, dict]]:
    """(number, REST record) of each stage of ``group`` that ran, in order, numbered 1, 2, ... within the group.
    Spark's own stage ids count every stage the application ran before (and skipped ones), so they would change
    with whatever ran earlier in the notebook: an exercise left blank, a cell run twice."""
    records = [_finished_stage(spark, stage_id, timeout) for stage_id in _stage_ids(spark, group)]
    return list(enumerate((stage for stage in records if stage["status"] != "SKIPPED"), start=1))


def _finished_stage(spark, stage_id: int, timeout: float) -> dict:
    """The stage's REST record, once the listener has recorded all of its tasks."""

    def recorded() -> dict | None:
        stage = max(rest(spark, f"stages/{stage_id}"), key=lambda s: s["attemptId"])
        done = stage["numCompleteTasks"] + stage["numFailedTasks"] + stage["numKilledTasks"]
        return stage if stage["status"] == "SKIPPED" or done >= stage["numTasks"] else None

    return wait_until(recorded, timeout, f"Spark's listener to record every task of stage {stage_id}", 0.2)


def stages(spark, group: str, timeout: float = 60.0) -> pd.DataFrame:
    """The stages that ran for the jobs of ``group``, in order, numbered 1, 2, ... within the group: tasks, rows
    read from the source (Cassandra, or a cache), rows written to and read from shuffles, and the tasks'
    summed run time. Stages Spark skipped (their shuffle output already existed) are left out."""
    rows = []
    for number, stage in _ran_stages(spark, group, timeout):
        rows.append(
            {
                "stage": number,
                "tasks": stage["numTasks"],
                "input_rows": stage["inputRecords"],
                "shuffle_write_rows": stage["shuffleWriteRecords"],
                "shuffle_read_rows": stage["shuffleReadRecords"],
                "task_seconds": round(stage["executorRunTime"] / 1000, 2),
            }
        )
    return pd.DataFrame(
        rows, columns=["stage", "tasks", "input_rows", "shuffle_write_rows", "shuffle_read_rows", "task_seconds"]
    ).set_index("stage")


def tasks(spark, group: str, timeout: float = 60.0) -> pd.DataFrame:
    """Every successful task of ``group``'s stages: stage, partition, executor, host, locality level,
    start (seconds after the group's first task started), run time in seconds, rows read from the
    source, and whether the stage is an input stage (it reads no shuffle)."""
    rows = []
    for number, stage in _ran_stages(spark, group, timeout):
        for task in rest(spark, f"stages/{stage['stageId']}/{stage['attemptId']}/taskList?length=100000"):
            if task["status"] != "SUCCESS":
                continue
            rows.append(
                {
                    "stage": number,
                    "partition": task["index"],
                    "executor": task["executorId"],
                    "host": task["host"],
                    "locality": task["taskLocality"],
                    "launched": pd.Timestamp(task["launchTime"].replace("GMT", "Z")),
                    "seconds": task["duration"] / 1000,
                    "input_rows": task.get("taskMetrics", {}).get("inputMetrics", {}).get("recordsRead", 0),
                    "input_stage": stage["shuffleReadRecords"] == 0,
                }
            )
    columns = ["stage", "partition", "executor", "host", "locality", "start", "seconds", "input_rows", "input_stage"]
    if not rows:
        return pd.DataFrame(columns=columns)
    frame = pd.DataFrame(rows)
    frame["start"] = (frame["launched"] - frame["launched"].min()).dt.total_seconds()
    return frame[columns].sort_values(["stage", "partition"], ignore_index=True)


def job_group_report(spark, group: str, timeout: float = 60.0) -> LocalityReport:
    """Locality of the input (scan) stages of all jobs run under ``group``: stages that read no shuffle."""
    frame = tasks(spark, group, timeout)
    scans = frame[frame["input_stage"]] if len(frame) else frame
    levels = Counter(scans["locality"])
    hosts: dict[str, dict[str, int]] = {}
    for (host, level), count in scans.groupby(["host", "locality"]).size().items():
        hosts.setdefault(host, {})[level] = int(count)
    return LocalityReport({k: int(v) for k, v in levels.items()}, dict(sorted(hosts.items())))


def measure(spark, action, description: str = "locality") -> tuple[object, LocalityReport]:
    """Run ``action()`` (e.g. ``df.count``) in its own job group; return its result and the locality report."""
    done = run(spark, action, description)
    return done.result, job_group_report(spark, done.group)


def preferred_hosts(frame) -> list[list[str]]:
    """For each Spark partition of a DataFrame's input scan, the addresses it prefers to run on, sorted.

    For a Cassandra table these are the replicas of the partition's token ranges, as the
    connector reports them (it adds each address's reverse-DNS name, which is left out here).
    """
    rdd = frame._jdf.queryExecution().toRdd()
    while rdd.dependencies().size() > 0:
        rdd = rdd.dependencies().head().rdd()
    preferred = [rdd.getPreferredLocations(p).mkString(",").split(",") for p in rdd.partitions()]
    return [sorted(h for h in hosts if _is_address(h)) for hosts in preferred]


def _is_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def scan_locality(spark, keyspace: str, table: str) -> tuple[int, LocalityReport]:
    """Full scan (count) of a Cassandra table through the connector: rows and locality report."""
    frame = spark.read.format("org.apache.spark.sql.cassandra").options(keyspace=keyspace, table=table).load()
    return measure(spark, frame.count, f"scan {keyspace}.{table}")


def remove_executor(spark, host: str, timeout: float = 60.0) -> str:
    """Take this application's executor on ``host`` away (the worker keeps running; other applications
    are not touched) and wait until Spark has removed it; return its id. SparkContext.killExecutor is
    Scala-only, so this goes through the JVM gateway. The master does not replace it."""
    executors = [e for e in rest(spark, "executors") if e["id"] != "driver" and e["hostPort"].startswith(f"{host}:")]
    if not executors:
        raise ValueError(f"This application has no executor on {host}.")
    executor = executors[0]["id"]
    spark.sparkContext._jsc.sc().killExecutor(executor)
    wait_until(
        lambda: all(e["id"] != executor for e in rest(spark, "executors")), timeout, f"executor {executor} to go", 0.5
    )
    return executor


def plot_timeline(frame: pd.DataFrame, ax=None, title: str | None = None, labels: dict[str, str] | None = None):
    """The tasks of ``tasks(...)`` as bars on one lane per executor host, coloured and hatched by locality level.

    ``labels`` renames hosts on the axis (e.g. {"127.0.0.3": "machine 3"}). Returns the Axes."""
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

    if ax is None:
        _, ax = plt.subplots(figsize=(9, 0.6 + 0.6 * max(1, frame["host"].nunique())))
    hosts = sorted(frame["host"].unique())
    lane = {host: k for k, host in enumerate(hosts)}
    for task in frame.itertuples():
        ax.barh(
            lane[task.host],
            max(task.seconds, 0.02),
            left=task.start,
            height=0.6,
            color=COLOURS.get(task.locality, "grey"),
            hatch=HATCHES.get(task.locality, ""),
            edgecolor="white",
        )
    ax.set_yticks(range(len(hosts)), [(labels or {}).get(h, h) for h in hosts])
    ax.invert_yaxis()
    ax.set_xlabel("seconds since the first task started")
    seen = [level for level in LEVELS if level in set(frame["locality"])]
    ax.legend(
        handles=[Patch(fc=COLOURS[level], ec="white", hatch=HATCHES[level], label=level) for level in seen],
        loc="lower right",
        fontsize=8,
    )
    if title:
        ax.set_title(title)
    return ax
