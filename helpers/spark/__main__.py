"""Command line for Spark on the sandbox.

``python -m helpers.spark locality --keyspace K --table T`` counts a full scan's tasks by locality
level and prints them as JSON, e.g. {"NODE_LOCAL": 10, "ANY": 0}.

``python -m helpers.spark rollup --keyspace K`` writes K.generation_hourly and K.generation_daily
from K.generation (idempotent: a rerun writes the same rows) and prints the rows written as JSON."""

from __future__ import annotations

import argparse
import json
import sys

from helpers.common.cli import command

from .locality import scan_locality
from .rollups import write_rollups
from .session import spark_session


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="python -m helpers.spark", description=__doc__)
    commands = main.add_subparsers(dest="command", required=True)
    locality = commands.add_parser("locality", help="full scan of a table; tasks by locality level as JSON")
    locality.add_argument("--keyspace", required=True)
    locality.add_argument("--table", required=True)
    locality.add_argument("--by-host", action="store_true", help="also print tasks by executor host and level")
    locality.add_argument(
        "--conf",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="extra Spark setting, e.g. spark.locality.wait=0 or master=local[2]",
    )
    rollup = commands.add_parser("rollup", help="write K.generation_hourly and K.generation_daily from K.generation")
    rollup.add_argument("--keyspace", required=True)
    rollup.add_argument("--source", default="generation", help="the table to roll up (default: generation)")
    rollup.add_argument("--since", help="recompute whole UTC days from this date on (YYYY-MM-DD); default: all")
    return main


def _rollup(args) -> int:
    spark = spark_session("rollup", wait_for_executors=False)  # a batch job: locality is not its point
    try:
        result = write_rollups(spark, args.keyspace, args.source, args.since)
    finally:
        spark.stop()
    print(json.dumps({"generation_hourly": result.hourly_rows, "generation_daily": result.daily_rows}))
    return 0


@command
def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.command == "rollup":
        return _rollup(args)
    conf = dict(item.split("=", 1) for item in args.conf)
    spark = spark_session("locality-report", master=conf.pop("master", None), conf=conf)
    try:
        _, report = scan_locality(spark, args.keyspace, args.table)
    finally:
        spark.stop()
    print(json.dumps(report.counts()))
    if args.by_host:
        print(json.dumps(report.hosts, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
