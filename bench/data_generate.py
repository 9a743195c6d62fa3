"""Benchmark of the embedded generator: vectorised (numpy + pyarrow) against a plain Python loop.

    python bench/data_generate.py [--start 2015-01-01] [--end 2020-01-01] [--seed 47]

Times generating and writing five years of all series (about 1.75 million rows) to CSV,
then builds the rows of one month with a plain loop over timestamps (csv module,
per-row formatting), checks that both give the same file for that month, and reports
the speed ratio from this one run. Results: bench/results/data_generate.json and .md.
The CSV files go to a temporary directory and are deleted.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow
from common import environment, ratio, write_result

from helpers.data.generation import DEFAULT_SEED, HALF_INTERVAL, area_mw, generation_chunks
from helpers.data.latent import latent_weather
from helpers.data.output import write_frames
from helpers.data.schema import AREAS, COLUMNS, DE, TYPES
from helpers.data.timeaxis import utc

TARGET_SECONDS = 30.0
LOOP_MONTH = ("2016-01-01", "2016-02-01")


def vectorised(start: str, end: str, seed: int, path: Path) -> dict:
    """Generate all chunks, then write them; time both."""
    began = time.perf_counter()
    chunks = list(generation_chunks(start, end, seed))
    generated = time.perf_counter()
    rows = write_frames(chunks, path, sum(map(len, chunks)), desc="vectorised")
    written = time.perf_counter()
    return {
        "rows": rows,
        "generate_s": round(generated - began, 3),
        "write_s": round(written - generated, 3),
        "total_s": round(written - began, 3),
        "rows_per_s": round(rows / (written - began)),
        "csv_mb": round(path.stat().st_size / 1e6, 1),
    }


def plain_loop(start: str, end: str, seed: int, path: Path) -> dict:
    """The same rows, one timestamp at a time, formatted and written row by row."""
    began = time.perf_counter()
    first, last = utc(start), utc(end)
    latent = latent_weather(first, last, seed)
    moment = first.to_pydatetime()
    rows = 0
    with open(path, "w", newline="") as sink:
        writer = csv.writer(sink, lineterminator="\n")
        writer.writerow(COLUMNS)
        while moment < last:
            text = moment.strftime("%Y-%m-%dT%H:%M:%SZ")
            for kind in TYPES:
                areas = [round(float(mw), 1) for mw in area_mw(kind, moment.timestamp() + HALF_INTERVAL, latent)]
                for region, value in zip((*AREAS, DE), (*areas, round(sum(areas), 1))):
                    writer.writerow((text, kind, region, f"{value:.1f}"))
                    rows += 1
            moment += dt.timedelta(minutes=15)
    elapsed = time.perf_counter() - began
    return {"window": list(LOOP_MONTH), "rows": rows, "total_s": round(elapsed, 3), "rows_per_s": round(rows / elapsed)}


def result_document(window: list[str], seed: int, vec: dict, loop: dict, same_rows: bool) -> dict:
    """The run in the common shape: the speed ratio against the loop, and the time against the target."""
    return {
        "benchmark": "data_generate",
        "metrics": {
            "window": window,
            "seed": seed,
            "vectorised": vec,
            "plain_loop": loop,
            "same_rows": same_rows,
            "loop_projected_s": round(vec["rows"] / loop["rows_per_s"]),
        },
        "ratios": [
            ratio(
                "generate and write rows to CSV",
                vec["rows_per_s"],
                loop["rows_per_s"],
                "rows/s",
                lower_is_better=False,
                against="plain Python loop",
                digits=1,
            ),
            ratio(
                f"generate and write {vec['rows']:,} rows",
                vec["total_s"],
                TARGET_SECONDS,
                "s",
                lower_is_better=True,
                target=1.0,
                against=f"the {TARGET_SECONDS:.0f} s target",
            ),
        ],
        "environment": environment(numpy=np.__version__, pandas=pd.__version__, pyarrow=pyarrow.__version__),
    }


def markdown(result: dict) -> str:
    metrics, env = result["metrics"], result["environment"]
    vec, loop = metrics["vectorised"], metrics["plain_loop"]
    speed, within = result["ratios"]
    machine = (
        f"{env['machine']}, {env['cpus']} CPUs, Python {env['python']}, "
        f"numpy {env['numpy']}, pandas {env['pandas']}, pyarrow {env['pyarrow']}"
    )
    return "\n".join(
        [
            "# Embedded generator: vectorised vs plain loop",
            "",
            f"{env['date']}, {machine}; rerun: `python bench/data_generate.py`",
            "",
            "| | window | rows | seconds | rows/s |",
            "|---|---|---:|---:|---:|",
            f"| vectorised: generate | {' .. '.join(metrics['window'])} | {vec['rows']:,} | {vec['generate_s']} | |",
            f"| vectorised: write CSV ({vec['csv_mb']} MB) | | | {vec['write_s']} | |",
            f"| vectorised: total | | {vec['rows']:,} | {vec['total_s']} | {vec['rows_per_s']:,} |",
            f"| plain Python loop | {' .. '.join(loop['window'])} | {loop['rows']:,} | {loop['total_s']} "
            f"| {loop['rows_per_s']:,} |",
            "",
            f"- Speed ratio (rows/s, same run): **{speed['ratio']}x** for the vectorised generator.",
            f"- The loop would need about {metrics['loop_projected_s']:,} s for the {vec['rows']:,} rows "
            f"(scaled from its month); the vectorised run took {vec['total_s']} s "
            f"(target: {TARGET_SECONDS:.0f} s or less: {'met' if within['ratio'] >= within['target'] else 'MISSED'}).",
            f"- Same rows for the loop's month from both: {metrics['same_rows']}.",
            "- The loop calls the same model functions per timestamp (numpy on four areas at a time),",
            "  so the ratio measures the cost of per-row Python work, not of a different model.",
            "",
        ]
    )


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    options.add_argument("--start", default="2015-01-01")
    options.add_argument("--end", default="2020-01-01")
    options.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = options.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        vec = vectorised(args.start, args.end, args.seed, scratch / "generation.csv")
        loop = plain_loop(*LOOP_MONTH, args.seed, scratch / "loop.csv")
        write_frames(generation_chunks(*LOOP_MONTH, args.seed), scratch / "month.csv", desc="same month")
        same_rows = (scratch / "loop.csv").read_bytes() == (scratch / "month.csv").read_bytes()
    result = result_document([args.start, args.end], args.seed, vec, loop, same_rows)
    write_result(result, markdown(result))
    print(markdown(result))


if __name__ == "__main__":
    main()
