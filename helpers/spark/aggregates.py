"""The original workshop's monthly aggregate, in Spark and in pandas (the reference), and the
physical plan of a query, annotated line by line (lesson 07 explains the aggregate on its plan).

Values are mean power over 15 minutes: each contributes MW × 0.25 h, so the sum of the
values / 4 is MWh and / 4,000 is GWh (for kW readings: / 4,000 is MWh).
"""

from __future__ import annotations

import re

import pandas as pd
from pyspark.sql import DataFrame
from pyspark.sql import functions as F

QUARTER_HOURS_PER_GWH = 4000


def monthly_energy(frame: DataFrame, *keys: str) -> DataFrame:
    """Per month (and ``keys``): the maximum value and the energy (sum / 4,000), ordered."""
    return (
        frame.groupBy(F.month("ts").alias("month"), *keys)
        .agg(F.max("value").alias("max"), (F.sum("value") / QUARTER_HOURS_PER_GWH).alias("energy"))
        .orderBy("month", *keys)
    )


def monthly_energy_pandas(frame: pd.DataFrame, *keys: str) -> pd.DataFrame:
    """The same aggregate with pandas, on rows already in memory (ts UTC)."""
    grouped = frame.assign(month=frame["ts"].dt.month).groupby(["month", *keys], observed=True)["value"]
    return (
        pd.DataFrame({"max": grouped.max(), "energy": grouped.sum() / QUARTER_HOURS_PER_GWH})
        .reset_index()
        .sort_values(["month", *keys], ignore_index=True)
    )


def physical_plan(frame: DataFrame, final: bool = False) -> str:
    """The physical plan ``explain()`` prints, without expression ids (``ts#12`` reads ``ts``) and plan ids.

    ``final``: after the query has run, the plan adaptive execution settled on (else the initial one)."""
    execution = frame._jdf.queryExecution()
    text = execution.executedPlan().toString() if final else execution.simpleString()
    text = re.sub(r"#\d+L?", "", text)
    text = re.sub(r",? ?\[plan_id=\d+\]", "", text)
    return text.replace("== Physical Plan ==\n", "").rstrip()


def annotate(plan: str, notes: dict[str, str]) -> str:
    """The plan with a note under the first line that contains each key: ``{"Exchange": "the shuffle"}``."""
    lines, pending = [], dict(notes)
    for line in plan.splitlines():
        lines.append(line)
        for key in list(pending):
            if key in line:
                indent = len(line) - len(line.lstrip(" :+-"))
                lines.append(" " * indent + "^ " + pending.pop(key))
    return "\n".join(lines)
