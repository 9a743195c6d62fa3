"""Command line: ``python -m helpers.load {generation,default} ...``; see ``--help``."""

from __future__ import annotations

import argparse
import sys

from helpers.cassandra_io.schema import DEFAULT_KEYSPACE, GENERATION_TABLE
from helpers.cassandra_io.sessions import connect
from helpers.cassandra_io.writes import BATCH_ROWS, CONCURRENCY
from helpers.common.cli import command

from .default import ensure_default_dataset
from .generation_csv import load_generation_csv


def _generation(args) -> int:
    session = connect()
    try:
        report = load_generation_csv(
            session,
            args.csv,
            args.keyspace,
            args.table,
            args.rejects,
            progress=not args.quiet,
            batch_rows=args.batch_rows,
            concurrency=args.concurrency,
        )
    finally:
        session.cluster.shutdown()
    print(report.summary())
    return 0


def _default(args) -> int:
    rows = ensure_default_dataset(keyspace=args.keyspace, table=args.table, progress=not args.quiet)
    print(f"{args.keyspace}.{args.table} holds the default dataset: {rows} rows")
    return 0


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(
        prog="python -m helpers.load",
        description="Bulk loading into Cassandra: a long-format CSV, or the course's default dataset.",
    )
    commands = main.add_subparsers(dest="command", required=True)

    generation = commands.add_parser(
        "generation", help="load a long-format CSV (ts,type,region,value) into the generation table"
    )
    generation.add_argument("--csv", required=True, help="input CSV with the header ts,type,region,value")
    generation.add_argument("--keyspace", required=True)
    generation.add_argument("--table", default=GENERATION_TABLE)
    generation.add_argument("--rejects", help="where malformed rows go (default: <csv stem>_rejects.csv)")
    generation.add_argument("--batch-rows", type=int, default=BATCH_ROWS, help="rows per single-partition batch")
    generation.add_argument("--concurrency", type=int, default=CONCURRENCY, help="requests in flight")
    generation.set_defaults(run=_generation)

    default = commands.add_parser("default", help="make sure the default dataset (2016, all series) is loaded")
    default.add_argument("--keyspace", default=DEFAULT_KEYSPACE)
    default.add_argument("--table", default=GENERATION_TABLE)
    default.set_defaults(run=_default)

    for sub in (generation, default):
        sub.add_argument("--quiet", action="store_true", help="no progress bar")
    return main


@command
def main(argv=None) -> int:
    args = parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
