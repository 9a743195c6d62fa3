"""python -m helpers.ingest --topic generation --keyspace K [--table generation] [--group G] [--until-idle SECONDS]"""

from __future__ import annotations

import argparse
import sys

from helpers.cassandra_io.schema import GENERATION_TABLE
from helpers.common.cli import command
from helpers.ingest.pipeline import Ingest


def parser() -> argparse.ArgumentParser:
    cli = argparse.ArgumentParser(prog="python -m helpers.ingest", description=__doc__)
    cli.add_argument("--topic", default="generation")
    cli.add_argument("--keyspace", required=True)
    cli.add_argument("--table", default=GENERATION_TABLE)
    cli.add_argument("--group", help="consumer group (default: ingest-<keyspace>-<table>)")
    cli.add_argument(
        "--batch",
        type=int,
        default=5000,
        metavar="MESSAGES",
        help="the most messages per poll, written and committed together (default 5000)",
    )
    cli.add_argument(
        "--until-idle",
        type=float,
        metavar="SECONDS",
        help="exit after this many seconds without a message (default: run until Ctrl-C)",
    )
    return cli


@command
def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    ingest = Ingest(args.topic, args.keyspace, args.table, args.group, max_poll_records=args.batch)
    try:
        stats = ingest.run(args.until_idle)
    except KeyboardInterrupt:
        stats = ingest.stats
    print(f"{args.topic} -> {args.keyspace}.{args.table}: {stats.summary()}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
