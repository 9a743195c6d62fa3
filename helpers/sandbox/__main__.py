"""Command line of the sandbox: python -m helpers.sandbox --help."""

from __future__ import annotations

import argparse
import json
import secrets
import sys

from helpers.common.cli import OK, UNAVAILABLE, command
from helpers.sandbox import artifacts, control, doctor, jarlock, jarstore, java, machine, maven
from helpers.sandbox.errors import JavaError
from helpers.sandbox.jupyter import jupyter_command, jupyter_url, run_then_remind
from helpers.sandbox.topology import ALL, MACHINES, PROFILES

COLUMNS = ["name", "machine", "address", "state", "version", "pid", "uptime_s", "rss_mb"]


def print_table(rows: list[dict]) -> None:
    cells = [[("-" if r[c] is None else str(r[c])) for c in COLUMNS] for r in rows]
    widths = [max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(COLUMNS)]
    for row in [COLUMNS, *cells]:
        print("  ".join(v.ljust(w) for v, w in zip(row, widths)).rstrip())


def parser() -> argparse.ArgumentParser:
    cli = argparse.ArgumentParser(prog="python -m helpers.sandbox", description=__doc__)
    sub = cli.add_subparsers(dest="command", required=True)
    sub.add_parser("up", help="start what is down and wait until every service is healthy").add_argument(
        "--profile", choices=list(PROFILES), help="full (default: three machines) or minimal (one)"
    )
    sub.add_parser("down", help="stop everything, keep the data")
    sub.add_parser("reset", help="stop everything and wipe data and logs")
    sub.add_parser("status", help="one line per service").add_argument("--json", action="store_true")
    names = [s.name for s in ALL]
    for name, text in (
        ("start", "start one service and wait until it is healthy"),
        ("stop", "stop one service gracefully (SIGTERM)"),
        ("kill", "kill one service with SIGKILL, as in a crash"),
    ):
        sub.add_parser(name, help=text).add_argument("name", choices=names)
    for name, text in (("stop-machine", "stop everything on one machine"), ("start-machine", "start it again")):
        sub.add_parser(name, help=text).add_argument("machine", type=int, choices=MACHINES)
    logs = sub.add_parser("logs", help="print the end of a service's log")
    logs.add_argument("name", choices=names)
    logs.add_argument("-n", "--lines", type=int, default=50)
    sub.add_parser("fetch", help="download and verify the jars in sandbox/jars.lock (done by `up` when needed)")
    sub.add_parser("resolve", help="the old name of fetch")
    sub.add_parser("lock", help="regenerate sandbox/jars.lock from sandbox/maven/*/pom.xml with Maven")
    sub.add_parser("jupyter", help="run JupyterLab on 127.0.0.1:8888 with a token")
    sub.add_parser("doctor", help="one screen: what this laptop has and lacks for the course").add_argument(
        "--profile", choices=list(PROFILES), default="full", help="the profile to check for (default: full)"
    )
    sub.add_parser(
        "machine", help="run one machine of the Docker sandbox in the foreground (the machine containers' command)"
    ).add_argument("machine", type=int, choices=MACHINES)
    return cli


def status(as_json: bool) -> int:
    rows = control.status_dicts()
    if as_json:
        print(json.dumps(rows, indent=2))
    else:
        print_table(rows)
        print_java()
    return OK if all(r["state"] == "up" for r in rows) else UNAVAILABLE


def jupyter() -> int:
    token = secrets.token_urlsafe(24)
    print(f"JupyterLab: {jupyter_url(token)}\n(open it in a browser on this machine; Ctrl-C stops it)", flush=True)
    returncode = run_then_remind(jupyter_command(token=token), _running_servers)
    return OK if returncode in (0, -2, 130) else returncode  # -2, 130: stopped with Ctrl-C


def _running_servers() -> tuple[int, float]:
    """How many of the sandbox's servers run, and their resident memory in GB."""
    up = [row for row in control.status_dicts() if row["pid"]]
    return len(up), sum(row["rss_mb"] or 0 for row in up) / 1024


def doctor_screen(profile: str) -> int:
    found = doctor.findings(profile)
    print(doctor.screen(found, profile))
    return OK if all(f.ok for f in found) else UNAVAILABLE


def logs(name: str, lines: int) -> None:
    print(control.log_tail(name, lines), end="")


def print_java() -> None:
    """The line under the status table: which Java the servers run on, and where it came from."""
    try:
        print(java.describe())
    except JavaError as error:
        print(f"Java: {error}")


def fetch() -> None:
    done = artifacts.fetch()
    print(
        f"{done['jars']} jars verified in {jarstore.store_dir()} "
        f"(downloaded {done['downloaded']}, {done['bytes'] / 1e6:.1f} MB, in {done['seconds']:.1f} s)"
    )


def lock() -> None:
    made = maven.make_lock()
    maven.write_lock(made)
    size = sum(jar.size for jar in {jar.repository_path: jar for jar in made.jars}.values())
    print(f"Wrote {jarlock.LOCK_FILE}: {len(made.jars)} jars ({size / 1e6:.1f} MB) of {', '.join(made.poms)}")


@command
def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    actions = {
        "up": lambda: control.up(args.profile),
        "down": control.down,
        "reset": control.reset,
        "status": lambda: status(args.json),
        "start": lambda: control.start(args.name),
        "stop": lambda: control.stop(args.name),
        "kill": lambda: control.kill(args.name),
        "stop-machine": lambda: control.stop_machine(args.machine),
        "start-machine": lambda: control.start_machine(args.machine),
        "logs": lambda: logs(args.name, args.lines),
        "fetch": fetch,
        "resolve": fetch,
        "lock": lock,
        "jupyter": jupyter,
        "doctor": lambda: doctor_screen(args.profile),
        "machine": lambda: machine.serve(args.machine),
    }
    result = actions[args.command]()
    return result if args.command in ("status", "doctor", "jupyter") else OK


if __name__ == "__main__":
    sys.exit(main())
