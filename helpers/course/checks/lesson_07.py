"""Self-checks of lesson 07 (Spark on Cassandra).

07.1 and 07.3 take the learner's DataFrame and look at its physical plan and its rows (their typical
wrong answers are DataFrames too, built on the sandbox).
"""

from __future__ import annotations

import functools
import numbers
import re

from helpers.course.checks import Hint, exercise

CASSANDRA_FORMAT = "org.apache.spark.sql.cassandra"


@functools.cache
def _generation():
    """energydata.generation through the connector, on the checks' own Spark application."""
    from helpers.load import ensure_default_dataset
    from helpers.spark import spark_session

    ensure_default_dataset(progress=False)
    spark = spark_session("course-checks")
    return spark.read.format(CASSANDRA_FORMAT).options(keyspace="energydata", table="generation").load()


def _plan(frame) -> str:
    if not hasattr(frame, "_jdf"):
        raise Hint("Pass the Spark DataFrame itself, before .count(), .collect() or .toPandas().")
    return frame._jdf.queryExecution().executedPlan().toString()


def _nodes(plan: str) -> list[str]:
    """The operator names of a plan, one per line: 'Project', 'Filter', 'BatchScan', ..."""
    names = []
    for line in plan.splitlines():
        match = re.match(r"^[\s:+\-]*(?:\*\(\d+\)\s*)?([A-Za-z]+)", line)
        if match and not line.lstrip().startswith("-"):
            names.append(match.group(1))
    return names


def _rows(frame) -> list:
    """The rows, ``ts`` as "YYYY-MM-DD HH:MM" in the session's time zone (UTC): formatted by Spark, because
    collect() turns timestamps into the Python process's local time."""
    from pyspark.sql import functions as F

    return frame.select("region", "type", F.date_format("ts", "yyyy-MM-dd HH:mm").alias("ts"), "value").collect()


def _wrong_07_1(start: str = "2016-06-21", end: str = "2016-06-22"):
    from pyspark.sql import functions as F

    generation = _generation()  # starts the Spark session, which F.col needs
    series = (F.col("region") == "DE") & (F.col("type") == "solar")
    return generation.where(series & (F.col("ts") >= start) & (F.col("ts") < end))


@exercise(
    "07.1",
    wrong=[
        lambda: _wrong_07_1("2016-06-20", "2016-06-21"),
        lambda: _wrong_07_1().toPandas(),
        lambda: _wrong_07_1().collect(),
    ],
    answer="the Spark DataFrame itself (before .count(), .collect() or .toPandas())",
    needs_sandbox=True,
    success="region, type and a range of ts: Cassandra reads one day of one partition, Spark filters nothing.",
)
def solstice(answer):
    """A DataFrame with DE solar on 21 June 2016 (UTC), every predicate pushed down to Cassandra."""
    plan = _plan(answer)
    if "Cassandra Scan: energydata.generation" not in plan:
        raise Hint("Start from the generation table read through the connector (energydata.generation).")
    if "Filter" in _nodes(plan):
        raise Hint(
            "The plan still has a Filter above the scan: Spark reads rows and drops them itself. Which of your "
            "predicates is neither on the partition key nor a plain range (>=, <) on the clustering column ts?"
        )
    rows = _rows(answer)
    days = {row.ts[:10] for row in rows}
    if {(row.region, row.type) for row in rows} != {("DE", "solar")} or days != {"2016-06-21"} or len(rows) != 96:
        raise Hint(
            f"The plan is right, but the rows are not the 96 quarter-hours of DE solar on 2016-06-21 (UTC): "
            f"{len(rows)} rows, days {sorted(days)[:3]}."
        )


SERIES = 10  # Cassandra partitions of energydata.generation: 5 regions x 2 types


@exercise(
    "07.2",
    answer="a dict {'groups': rows of the result, 'shuffle rows': the shuffle rows written}",
    wrong=[
        {"groups": 2, "shuffle rows": 2},
        {"groups": 2, "shuffle rows": 351360},
        {"groups": 10, "shuffle rows": 10},
        {"groups": 10, "shuffle rows": 60},
    ],
    success="each scan task sends one partial row per group it has read: a Cassandra partition is read by one task.",
)
def shuffled_rows(answer):
    """{groups, shuffle rows} of 'energy per type' (groupBy("type")): the result's rows, the Exchange's rows.

    Each scan task sends one partial row per type it has read; a Cassandra partition is never split
    between tasks, so there are more rows than groups, and at most one per Cassandra partition. (The
    exact number depends on how the connector cut the token ring into splits.)
    """
    if not isinstance(answer, dict) or not {"groups", "shuffle rows"} <= set(answer):
        raise Hint("Answer a dict with the keys 'groups' and 'shuffle rows'.")
    for key in ("groups", "shuffle rows"):
        if isinstance(answer[key], bool) or not isinstance(answer[key], numbers.Real):
            raise Hint(f"`{key}` is a number.")
    groups, rows = int(answer["groups"]), int(answer["shuffle rows"])
    if groups != 2:
        raise Hint("`groups` is how many rows the query returns: one per type.")
    if rows == groups:
        raise Hint(
            "One row per group is what the final aggregate reads after the shuffle. Before the Exchange, every "
            "scan task has aggregated only its own rows: what does each task send?"
        )
    if rows == 351360:
        raise Hint("That is how many rows the scan read from Cassandra. Look at the shuffle columns instead.")
    if not groups < rows <= SERIES:
        raise Hint("Take shuffle_write_rows of the stage that scans Cassandra, from stages() of your run.")
    return None


def _noon_keys(month: int = 6, days: int = 30, hour: int = 12):
    import pandas as pd

    stamps = [pd.Timestamp(2016, month, day, hour, tz="UTC") for day in range(1, days + 1)]
    return pd.DataFrame({"region": "DE", "type": "solar", "ts": stamps})


def _wrong_07_3(kind: str):
    from pyspark.sql import functions as F

    generation = _generation()
    spark = generation.sparkSession
    if kind == "scan":
        return generation.where(
            (F.col("region") == "DE")
            & (F.col("type") == "solar")
            & (F.month("ts") == 6)
            & (F.hour("ts") == 12)
            & (F.minute("ts") == 0)
        )
    keys = spark.createDataFrame(_noon_keys(days=29) if kind == "29 days" else _noon_keys(hour=10))
    return keys.join(generation, ["region", "type", "ts"])


@exercise(
    "07.3",
    wrong=[lambda: _wrong_07_3("scan"), lambda: _wrong_07_3("29 days"), lambda: _wrong_07_3("10:00")],
    answer="the joined Spark DataFrame itself (before .collect() or .toPandas())",
    needs_sandbox=True,
    success="30 keys, 30 single-row reads: Cassandra never scanned the table.",
)
def noon_values(answer):
    """A DataFrame joining 30 keys (DE, solar, 12:00 UTC of each day of June 2016) with the generation table."""
    plan = _plan(answer)
    if "Cassandra Direct Join" not in plan:
        raise Hint(
            "The plan has no 'Cassandra Direct Join': Spark scans the table. Build a DataFrame of keys and join it "
            "with the table on every partition key column (and ts)."
        )
    rows = _rows(answer)
    stamps = sorted(row.ts for row in rows)
    expected = [f"2016-06-{day:02d} 12:00" for day in range(1, 31)]
    if stamps != expected or {(row.region, row.type) for row in rows} != {("DE", "solar")}:
        raise Hint(
            f"The join reads the right way, but the keys are not 12:00 UTC on each day of June (DE solar): "
            f"{len(rows)} rows, from {stamps[0] if stamps else '-'} to {stamps[-1] if stamps else '-'}."
        )


@exercise(
    "07.4",
    wrong=[(6, "NODE_LOCAL"), (1, "ANY"), (3, "NODE_LOCAL")],
    answer="a pair (tasks of the scan stage, their locality level), e.g. a number and 'PROCESS_LOCAL'",
    success="the filter on the whole partition key went to Cassandra: one partition, one split, and it prefers "
    "every replica.",
)
def one_partition_scan(answer):
    """(tasks, locality level) of the scan of generation filtered to region = 'DE' AND type = 'wind'."""
    if not isinstance(answer, tuple | list) or len(answer) != 2 or not isinstance(answer[1], str):
        raise Hint("Answer a pair: the number of tasks of the scan stage, and the locality level, a str.")
    tasks, level = int(answer[0]), answer[1].strip().upper()
    if tasks != 1:
        raise Hint(
            f"{tasks} tasks: that is a scan of the whole ring. Filter on both partition key columns with == "
            "before the action: the connector then reads that one partition, and one partition is never cut."
        )
    if level != "NODE_LOCAL":
        raise Hint("On the RF 3 table every replica holds the partition: which level does a task next to one run at?")
