"""python -m helpers.stream simulate --topic generation --speed FACTOR|max [--csv PATH] [--start --end]"""

from __future__ import annotations

import argparse
import sys

from helpers.common.cli import command
from helpers.stream.pacing import parse_speed
from helpers.stream.simulator import Simulation
from helpers.stream.source import DEFAULT_END, DEFAULT_START


def parser() -> argparse.ArgumentParser:
    cli = argparse.ArgumentParser(prog="python -m helpers.stream", description=__doc__)
    commands = cli.add_subparsers(dest="command", required=True)
    simulate = commands.add_parser("simulate", help="replay generation rows into a topic, one JSON message per row")
    simulate.add_argument("--topic", default="generation")
    simulate.add_argument(
        "--speed",
        type=parse_speed,
        default=parse_speed("900"),
        help="simulated seconds per real second (900: 15 minutes a second), or max",
    )
    simulate.add_argument("--csv", help="a long-format CSV (ts,type,region,value); default: the embedded generator")
    simulate.add_argument("--start", default=DEFAULT_START, help="first timestamp (UTC), inclusive")
    simulate.add_argument("--end", default=DEFAULT_END, help="last timestamp (UTC), exclusive")
    simulate.add_argument("--partitions", type=int, default=3, help="partitions if the topic is created")
    return cli


@command
def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    simulation = Simulation(args.topic, args.speed, args.csv, args.start, args.end, args.partitions)
    try:
        stats = simulation.run()
    except KeyboardInterrupt:
        stats = simulation.stats
    print(f"{args.topic}: {stats.summary()}", flush=True)
    return 1 if stats.failed else 0


if __name__ == "__main__":
    sys.exit(main())
