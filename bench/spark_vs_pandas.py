"""Benchmark: the monthly aggregate through Spark and the connector, against pulling the rows
through the Python driver into pandas (what a user would otherwise do).

    python bench/spark_vs_pandas.py [--meter-rows 1000000,5000000,20000000] [--skip-meters]

1. The default dataset (energydata.generation, 2016, ~351k rows): per month, type and region.
2. The smart-meter dataset (2,000 meters, 15-minute readings), loaded with Spark from the
   generator day by day into bench_spark_meters.readings, measured at each size in
   --meter-rows as it grows: per month, max kW and energy in MWh. Loading is resumable: the
   days already loaded are recorded under the sandbox state folder, and a rerun continues.

Both sides compute the same numbers (checked); the NODE_LOCAL fraction of each Spark scan is
reported. Results: bench/results/spark_vs_pandas.json and .md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import time
from pathlib import Path

import pandas as pd
from cassandra.query import SimpleStatement
from common import environment, ratio, write_result

from helpers.cassandra_io.schema import create_keyspace
from helpers.cassandra_io.sessions import connect
from helpers.data import meter_chunks
from helpers.load import ensure_default_dataset
from helpers.sandbox.paths import state_dir
from helpers.spark import measure, monthly_energy, monthly_energy_pandas, spark_session

METERS = 2000
READINGS_PER_DAY = 96
METER_KEYSPACE, METER_TABLE = "bench_spark_meters", "readings"
FETCH_SIZE = 5000


def spark_aggregate(spark, keyspace: str, table: str, keys: list[str]) -> dict:
    """Time the aggregate through the connector (a full scan) twice: the first run pays for warming
    up the executors' connections and code; the second is the steady state. Locality of the second."""
    frame = spark.read.format("org.apache.spark.sql.cassandra").options(keyspace=keyspace, table=table).load()
    began = time.perf_counter()
    monthly_energy(frame, *keys).toPandas()
    first = time.perf_counter() - began
    began = time.perf_counter()
    result, report = measure(spark, lambda: monthly_energy(frame, *keys).toPandas(), "bench")
    return {
        "seconds": round(time.perf_counter() - began, 2),
        "first_run_seconds": round(first, 2),
        "result": result,
        "tasks": report.counts(),
        "node_local_fraction": round(report.node_local_fraction, 3),
    }


def pandas_aggregate(session, keyspace: str, table: str, columns: list[str], keys: list[str]) -> dict:
    """Time SELECT of the needed columns through the Python driver (paged, default named-tuple rows),
    into pandas 100,000 rows at a time, then groupby: the plain way to analyse a table from Python."""
    began = time.perf_counter()
    rows = session.execute(
        SimpleStatement(f"SELECT {', '.join(columns)} FROM {keyspace}.{table}", fetch_size=FETCH_SIZE), timeout=None
    )
    chunks, buffer = [], []
    for row in rows:
        buffer.append(row)
        if len(buffer) == 100_000:
            chunks.append(pd.DataFrame(buffer, columns=columns))
            buffer = []
    frame = pd.concat([*chunks, pd.DataFrame(buffer, columns=columns)], ignore_index=True)
    frame["ts"] = pd.to_datetime(frame["ts"], utc=True)
    fetched = time.perf_counter()
    result = monthly_energy_pandas(frame, *keys)
    return {
        "seconds": round(time.perf_counter() - began, 2),
        "fetch_seconds": round(fetched - began, 2),
        "rows": len(frame),
        "result": result,
    }


def compare(spark_side: dict, pandas_side: dict, keys: list[str]) -> dict:
    """Both timings, their ratio, and the largest difference between the two results."""
    merged = spark_side.pop("result").merge(pandas_side.pop("result"), on=["month", *keys], suffixes=("_s", "_p"))
    difference = max(
        (merged["max_s"] - merged["max_p"]).abs().max(), (merged["energy_s"] - merged["energy_p"]).abs().max()
    )
    return {
        "rows": pandas_side["rows"],
        "spark": spark_side,
        "pandas": pandas_side,
        "groups": len(merged),
        "max_abs_difference": float(difference),
        "speedup": round(pandas_side["seconds"] / spark_side["seconds"], 2),
    }


def progress_file() -> Path:
    return state_dir() / "bench" / "spark_vs_pandas_meter_days.json"


def load_meter_days(spark, session, days: int) -> float:
    """Load meter readings up to ``days`` days with Spark, resuming after the days already loaded."""
    path = progress_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    loaded = json.loads(path.read_text())["days"] if path.exists() else 0
    if loaded == 0:
        create_keyspace(session, METER_KEYSPACE, replication_factor=2)
        session.execute(
            f"CREATE TABLE IF NOT EXISTS {METER_KEYSPACE}.{METER_TABLE} "
            "(meter_id text, ts timestamp, value double, PRIMARY KEY ((meter_id), ts))"
        )
        session.cluster.control_connection.wait_for_schema_agreement()
    began = time.perf_counter()
    for day in range(loaded, days):
        start = (dt.date(2016, 1, 1) + dt.timedelta(days=day)).isoformat()
        frame = pd.concat(meter_chunks(METERS, 1, start=start)).astype({"meter_id": str})
        (
            spark.createDataFrame(frame)
            .write.format("org.apache.spark.sql.cassandra")
            .options(keyspace=METER_KEYSPACE, table=METER_TABLE)
            .mode("append")
            .save()
        )
        path.write_text(json.dumps({"days": day + 1}))
        print(f"  loaded day {day + 1}/{days} ({time.perf_counter() - began:.0f} s)", flush=True)
    return round(time.perf_counter() - began, 1)


def run(meter_rows: list[int], skip_meters: bool) -> dict:
    """Measure the default dataset, then each meter size; the results are saved after every point."""
    ensure_default_dataset(progress=False)
    session = connect(request_timeout=120)
    spark = spark_session("bench-spark-vs-pandas")
    try:
        keys = ["type", "region"]
        print("default dataset ...", flush=True)
        default = compare(
            spark_aggregate(spark, "energydata", "generation", keys),
            pandas_aggregate(session, "energydata", "generation", ["ts", "type", "region", "value"], keys),
            keys,
        )
        print(
            f"  {default['rows']} rows: spark {default['spark']['seconds']} s, pandas {default['pandas']['seconds']} s",
            flush=True,
        )
        meters = []
        save({"default": default, "meters": meters})
        for rows in [] if skip_meters else meter_rows:
            days = -(-rows // (METERS * READINGS_PER_DAY))
            print(f"meters, {days} days ...", flush=True)
            load_s = load_meter_days(spark, session, days)
            point = compare(
                spark_aggregate(spark, METER_KEYSPACE, METER_TABLE, []),
                pandas_aggregate(session, METER_KEYSPACE, METER_TABLE, ["ts", "value"], []),
                [],
            )
            point.update(days=days, load_seconds_this_step=load_s)
            print(
                f"  {point['rows']} rows: spark {point['spark']['seconds']} s, pandas {point['pandas']['seconds']} s",
                flush=True,
            )
            meters.append(point)
            save({"default": default, "meters": meters})
    finally:
        spark.stop()
        session.cluster.shutdown()
    return {"default": default, "meters": meters}


def crossover(points: list[dict]) -> str:
    """Where Spark starts to win, from the measured points: the sizes around the first win."""
    ordered = sorted(points, key=lambda p: p["rows"])
    first_win = next((k for k, p in enumerate(ordered) if p["speedup"] > 1), None)
    if first_win is None:
        return "Spark slower at every size measured"
    if first_win == 0:
        return f"Spark faster at every size measured (from {ordered[0]['rows']:,} rows)"
    return f"between {ordered[first_win - 1]['rows']:,} and {ordered[first_win]['rows']:,} rows"


def result_document(measured: dict) -> dict:
    points = [measured["default"], *measured["meters"]]
    ratios = [
        ratio(
            f"monthly aggregate, {p['rows']:,} rows",
            p["spark"]["seconds"],
            p["pandas"]["seconds"],
            "s",
            lower_is_better=True,
            against="Python driver + pandas",
        )
        for p in points
    ]
    return {
        "benchmark": "spark_vs_pandas",
        "metrics": {**measured, "crossover": crossover(points)},
        "ratios": ratios,
        "environment": environment("spark", "cassandra"),
    }


def markdown(document: dict) -> str:
    lines = [
        "# Spark + connector vs Python driver + pandas: the monthly aggregate",
        "",
        "One run on this machine (`python bench/spark_vs_pandas.py`). Spark: full scan through the",
        "Spark Cassandra Connector on the standalone cluster (one executor per Cassandra node).",
        "pandas: `SELECT` of the needed columns through the Python driver (paged), then `groupby`.",
        "",
        "Spark's time is its second run (the first, in brackets, also warms up the executors).",
        "",
        "| dataset | rows | Spark (s) | driver + pandas (s) | of which fetch (s) | Spark faster by | NODE_LOCAL |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    measured = document["metrics"]
    named = [("default (generation 2016)", measured["default"])] + [("smart meters", p) for p in measured["meters"]]
    for name, p in named:
        lines.append(
            f"| {name} | {p['rows']:,} | {p['spark']['seconds']} ({p['spark']['first_run_seconds']}) | "
            f"{p['pandas']['seconds']} | "
            f"{p['pandas']['fetch_seconds']} | {p['speedup']}× | {p['spark']['node_local_fraction']:.0%} |"
        )
    lines += ["", f"Crossover: {measured['crossover']}.", "", f"Environment: {json.dumps(document['environment'])}"]
    return "\n".join(lines) + "\n"


def save(measured: dict) -> dict:
    """Write the results so far to bench/results/spark_vs_pandas.json and .md."""
    document = result_document(measured)
    write_result(document, markdown(document))
    return document


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--meter-rows",
        default="1000000,5000000,20000000",
        help="comma-separated sizes of the smart-meter table to measure at, growing",
    )
    parser.add_argument("--skip-meters", action="store_true")
    args = parser.parse_args(argv)
    sizes = sorted(int(float(s)) for s in args.meter_rows.split(","))
    print(markdown(save(run(sizes, args.skip_meters))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
