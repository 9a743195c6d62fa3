"""Benchmark: the bulk loader against `cqlsh COPY FROM`, on the same CSV into the same table, in one run.

    .venv/bin/python bench/load_vs_copy.py [--years 2] [--rounds 1]

Generates the CSV (all series, from 2015-01-01), then for each round truncates the table
and times `cqlsh ... COPY FROM` and `python -m helpers.load generation`, end to end as a
user runs them (process start included), both at consistency LOCAL_QUORUM. Each load is
checked by counting the ten partitions. Writes bench/results/load_vs_copy.{json,md}.

cqlsh reads `2016-06-21T12:15:00Z` as midnight of that day (its fallback parser does not
know the `T`), so COPY gets `DATETIMEFORMAT='%Y-%m-%dT%H:%M:%S%z'`; the run shows that too.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import environment, ratio, write_result

from helpers.cassandra_io.schema import create_generation_table
from helpers.cassandra_io.sessions import connect
from helpers.cassandra_io.writes import BATCH_ROWS, CONCURRENCY
from helpers.data.generation import generation_chunks
from helpers.data.output import write_frames
from helpers.load.default import count_rows
from helpers.sandbox.control import status_dicts

ROOT = Path(__file__).resolve().parents[1]
CQLSH = [str(Path(sys.executable).with_name("cqlsh")), "127.0.0.1", "9042"]
KEYSPACE, TABLE = "nb01_bench", "generation"
START = "2015-01-01"
ISO_WITH_Z = "%Y-%m-%dT%H:%M:%S%z"
RUN_TIMEOUT_S = 600
"""A COPY stalls for many minutes when a node restarts under it; such a run is repeated."""


def copy_statement(csv: Path, table: str, datetime_format: str | None = ISO_WITH_Z) -> str:
    options = "HEADER=TRUE" + (f" AND DATETIMEFORMAT='{datetime_format}'" if datetime_format else "")
    return f"COPY {KEYSPACE}.{table} (ts,type,region,value) FROM '{csv}' WITH {options}"


def cqlsh(statements: str) -> subprocess.CompletedProcess:
    return subprocess.run([*CQLSH, "-e", statements], capture_output=True, text=True, check=True, timeout=3600)


def copy_load(csv: Path) -> list[str]:
    return [*CQLSH, "-e", f"CONSISTENCY LOCAL_QUORUM; {copy_statement(csv, TABLE)}"]


def loader_load(csv: Path, rejects: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "helpers.load",
        "generation",
        "--csv",
        str(csv),
        "--keyspace",
        KEYSPACE,
        "--table",
        TABLE,
        "--rejects",
        str(rejects),
        "--quiet",
    ]


def cassandra_pids(wait_s: float = 300) -> dict:
    """The pids of the Cassandra nodes once all are up (others' lessons stop and restart cassandra2)."""
    deadline = time.monotonic() + wait_s
    while True:
        nodes = [r for r in status_dicts() if r["name"].startswith("cassandra")]
        if all(r["state"] == "up" for r in nodes) or time.monotonic() > deadline:
            return {r["name"]: r["pid"] if r["state"] == "up" else None for r in nodes}
        time.sleep(5)


def run_with_timeout(command: list[str], timeout_s: float) -> subprocess.CompletedProcess | None:
    """Run ``command``; on timeout kill its whole process group (cqlsh COPY has worker processes) and return None."""
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT, start_new_session=True
    ) as process:
        try:
            out, err = process.communicate(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            return None
    return subprocess.CompletedProcess(command, process.returncode, out, err)


def timed(session, command: list[str], rows: int, attempts: int = 3) -> dict:
    """Truncate, run one load, count what it stored; again if a node restarted meanwhile."""
    for attempt in range(1, attempts + 1):
        before = cassandra_pids()
        session.execute(f"TRUNCATE {KEYSPACE}.{TABLE}")
        started = time.perf_counter()
        done = run_with_timeout(command, RUN_TIMEOUT_S)
        seconds = time.perf_counter() - started
        undisturbed = done is not None and None not in before.values() and cassandra_pids(wait_s=0) == before
        if undisturbed or attempt == attempts:
            break
        print(f"a Cassandra node restarted or the load timed out, again ({attempt}/{attempts})", file=sys.stderr)
    if done is None:
        raise RuntimeError(f"{command[0]} did not finish within {RUN_TIMEOUT_S} s in {attempts} attempts")
    if done.returncode:
        raise RuntimeError(f"{command[0]} failed ({done.returncode}): {done.stderr[-2000:]}")
    stored = count_rows(session, KEYSPACE, TABLE, "2000-01-01", "2100-01-01")
    return {
        "seconds": round(seconds, 2),
        "rows_per_s": round(rows / seconds),
        "rows_stored": stored,
        "complete": stored == rows,
        "nodes_up_throughout": undisturbed,
        "attempts": attempt,
        "last_output": done.stdout.strip().splitlines()[-1],
    }


def copy_time_of_day_check(session, workdir: Path) -> dict:
    """What COPY stores for 12:15Z with and without DATETIMEFORMAT."""
    sample = workdir / "one_row.csv"
    sample.write_text("ts,type,region,value\n2016-06-21T12:15:00Z,wind,tennet,1234.5\n")
    stored = {}
    for label, fmt in (("default", None), ("datetimeformat", ISO_WITH_Z)):
        create_generation_table(session, KEYSPACE, "time_check")
        session.execute(f"TRUNCATE {KEYSPACE}.time_check")
        cqlsh(copy_statement(sample, "time_check", fmt))
        row = session.execute(f"SELECT ts FROM {KEYSPACE}.time_check WHERE region = 'tennet' AND type = 'wind'").one()
        stored[label] = row.ts.isoformat() + "Z"
    return {"input": "2016-06-21T12:15:00Z", "stored_by_copy": stored}


def run(years: int, rounds: int) -> dict:
    session = connect()
    try:
        cassandra = session.execute("SELECT release_version FROM system.local").one()[0]
        with tempfile.TemporaryDirectory(prefix="load_vs_copy_") as tmp:
            workdir = Path(tmp)
            csv = workdir / "generation.csv"
            end = f"{int(START[:4]) + years}-01-01"
            rows = write_frames(generation_chunks(START, end), csv)
            session.execute(f"DROP KEYSPACE IF EXISTS {KEYSPACE}")
            create_generation_table(session, KEYSPACE, TABLE)
            time_check = copy_time_of_day_check(session, workdir)
            runs = {"cqlsh_copy": [], "loader": []}
            for _ in range(rounds):
                runs["cqlsh_copy"].append(timed(session, copy_load(csv), rows))
                runs["loader"].append(timed(session, loader_load(csv, workdir / "rejects.csv"), rows))
            csv_mb = round(csv.stat().st_size / 1e6, 1)
        session.execute(f"DROP KEYSPACE IF EXISTS {KEYSPACE}")
    finally:
        session.cluster.shutdown()
    best = {name: max(results, key=lambda r: r["rows_per_s"]) for name, results in runs.items()}
    return {
        "benchmark": "load_vs_copy",
        "metrics": {
            "rows": rows,
            "csv": {"period": f"[{START}, {end})", "series": 10, "megabytes": csv_mb},
            "table": f"{KEYSPACE}.{TABLE}: RF 2, PRIMARY KEY ((region, type), ts), TWCS; truncated before each load",
            "consistency": "LOCAL_QUORUM",
            "loader": {
                **best["loader"],
                "rounds": runs["loader"],
                "batch_rows_per_partition": BATCH_ROWS,
                "requests_in_flight": CONCURRENCY,
            },
            "cqlsh_copy": {**best["cqlsh_copy"], "rounds": runs["cqlsh_copy"]},
            "commands": {
                "cqlsh_copy": f'cqlsh 127.0.0.1 9042 -e "CONSISTENCY LOCAL_QUORUM; '
                f'{copy_statement(Path("FILE.csv"), TABLE)}"',
                "loader": f"python -m helpers.load generation --csv FILE.csv --keyspace {KEYSPACE} --quiet",
            },
            "copy_time_of_day_check": time_check,
        },
        "ratios": [
            ratio(
                f"load {rows / 1000:.0f}k rows into Cassandra",
                best["loader"]["rows_per_s"],
                best["cqlsh_copy"]["rows_per_s"],
                "rows/s",
                lower_is_better=False,
                target=1.0,
                against="cqlsh COPY",
            )
        ],
        "environment": environment(cassandra=cassandra, load_average_after=[round(x, 1) for x in os.getloadavg()]),
    }


def markdown(result: dict) -> str:
    metrics, ratio, env = result["metrics"], result["ratios"][0], result["environment"]
    csv, check, loader = metrics["csv"], metrics["copy_time_of_day_check"], metrics["loader"]
    lines = [
        "# Bulk loader vs cqlsh COPY FROM",
        "",
        f"Same CSV ({metrics['rows']:,} rows, {csv['period']}, {csv['series']} series, {csv['megabytes']} MB), "
        f"same table ({metrics['table']}), consistency {metrics['consistency']}, one run on "
        f"{env['cpus']} CPUs shared with the sandbox (Cassandra {env['cassandra']}, load average after: "
        f"{env['load_average_after']}). Times are end to end, process start included.",
        "",
        "| tool | round | seconds | rows/s | rows stored |",
        "|---|---|---|---|---|",
    ]
    for name in ("cqlsh_copy", "loader"):
        for number, r in enumerate(metrics[name]["rounds"], 1):
            lines.append(f"| {name} | {number} | {r['seconds']} | {r['rows_per_s']:,} | {r['rows_stored']:,} |")
    lines += [
        "",
        f"**Loader / COPY = {ratio['ratio']}** (target {ratio['target']}; best of each: loader "
        f"{ratio['ours']:,} rows/s, COPY {ratio['theirs']:,} rows/s).",
        "",
        f"- COPY: `{metrics['commands']['cqlsh_copy']}`",
        f"- loader: `{metrics['commands']['loader']}` ({loader['batch_rows_per_partition']} rows per "
        f"single-partition UNLOGGED batch, {loader['requests_in_flight']} requests in flight, validation of the "
        "next chunk overlapping the writes)",
        f"- COPY and ISO timestamps: `{check['input']}` is stored as `{check['stored_by_copy']['default']}` by a "
        f"plain COPY (silently, no row skipped) and as `{check['stored_by_copy']['datetimeformat']}` with "
        f"`DATETIMEFORMAT='{ISO_WITH_Z}'`, which the timed COPY uses.",
        "",
        "Rerun: `.venv/bin/python bench/load_vs_copy.py`",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=2, help="years of all series from 2015-01-01")
    parser.add_argument("--rounds", type=int, default=1, help="COPY then loader, this many times")
    args = parser.parse_args()
    result = run(args.years, args.rounds)
    write_result(result, markdown(result))
    print(markdown(result))


if __name__ == "__main__":
    main()
