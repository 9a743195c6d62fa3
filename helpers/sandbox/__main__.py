"""Command line of the sandbox: python -m helpers.sandbox --help."""

from __future__ import annotations

import argparse
import json
import os
import sys

from helpers.common.cli import OK, UNAVAILABLE, command
from helpers.sandbox import artifacts, control, jarlock, jarstore, java, maven
from helpers.sandbox.errors import JavaError
from helpers.sandbox.jupyter import jupyter_command
from helpers.sandbox.paths import log_file
from helpers.sandbox.process import tail
from helpers.sandbox.services import ALL, PROFILES


def print_table(rows: list[dict]) -> None:
    columns = ["name", "address", "state", "version", "pid", "uptime_s", "rss_mb"]
    cells = [[("-" if r[c] is None else str(r[c])) for c in columns] for r in rows]
    widths = [max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(columns)]
    for row in [columns, *cells]:
        print("  ".join(v.ljust(w) for v, w in zip(row, widths)).rstrip())


def print_java() -> None:
    """The line under the status table: which Java the servers run on, and where it came from."""
    try:
        print(java.describe())
    except JavaError as error:
        print(f"Java: {error}")


@command
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.sandbox", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p_up = sub.add_parser("up", help="start what is down and wait until every service is healthy")
    p_up.add_argument("--profile", choices=list(PROFILES), help="full (default) or minimal")
    sub.add_parser("down", help="stop everything, keep the data")
    sub.add_parser("reset", help="stop everything and wipe data and logs")
    p_status = sub.add_parser("status", help="one line per service")
    p_status.add_argument("--json", action="store_true", help="print a JSON list")
    names = [s.name for s in ALL]
    for cmd, text in (("start", "start one service"), ("stop", "stop one service")):
        sub.add_parser(cmd, help=text).add_argument("name", choices=names)
    p_logs = sub.add_parser("logs", help="print the end of a service's log")
    p_logs.add_argument("name", choices=names)
    p_logs.add_argument("-n", "--lines", type=int, default=50)
    sub.add_parser("fetch", help="download and verify the jars in sandbox/jars.lock (done by `up` when needed)")
    sub.add_parser("resolve", help="the old name of fetch")
    sub.add_parser("lock", help="regenerate sandbox/jars.lock from sandbox/maven/*/pom.xml with Maven")
    sub.add_parser("jupyter", help="run JupyterLab on 127.0.0.1:8888 with a token")
    args = parser.parse_args(argv)

    if args.command == "up":
        control.up(args.profile)
    elif args.command == "down":
        control.down()
    elif args.command == "reset":
        control.reset()
    elif args.command == "start":
        control.start(args.name)
    elif args.command == "stop":
        control.stop(args.name)
    elif args.command == "logs":
        print(f"==> {log_file(args.name)} <==")
        print(tail(log_file(args.name), args.lines), end="")
    elif args.command in ("fetch", "resolve"):
        done = artifacts.fetch()
        print(
            f"{done['jars']} jars verified in {jarstore.store_dir()} "
            f"(downloaded {done['downloaded']}, {done['bytes'] / 1e6:.1f} MB, in {done['seconds']:.1f} s)"
        )
    elif args.command == "lock":
        lock = maven.make_lock()
        maven.write_lock(lock)
        size = sum(jar.size for jar in {jar.repository_path: jar for jar in lock.jars}.values())
        print(f"Wrote {jarlock.LOCK_FILE}: {len(lock.jars)} jars ({size / 1e6:.1f} MB) of {', '.join(lock.poms)}")
    elif args.command == "jupyter":
        jupyter = jupyter_command()
        os.execv(jupyter[0], jupyter)
    elif args.command == "status":
        rows = control.status_dicts()
        if args.json:
            print(json.dumps(rows, indent=2))
        else:
            print_table(rows)
            print_java()
        return OK if all(r["state"] == "up" for r in rows) else UNAVAILABLE
    return 0


if __name__ == "__main__":
    sys.exit(main())
