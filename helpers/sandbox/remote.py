"""The sandbox's operations on the Docker sandbox, from any of its containers (the jupyter one above all).

Each machine container runs its services under `python -m helpers.sandbox machine N`, which serves a small
HTTP API on the compose network (helpers.sandbox.machine). These functions have the names, arguments and
results of helpers.sandbox.control's, which calls them when $ENERGY_MACHINE_HOSTS is set: a lesson's
`sandbox.kill("kafka2")` kills the broker's process on machine 2, as it does locally.
"""

from __future__ import annotations

import json
import logging
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

from helpers.sandbox import errors, topology
from helpers.sandbox.control import ServiceStatus, profile_services
from helpers.sandbox.errors import SandboxError

log = logging.getLogger(__name__)

QUICK_S = 30.0  # status, stop, kill (a graceful stop may take up to 45 s: see process.stop_process)
STOP_S = 120.0
START_S = 900.0  # a start waits until the service is healthy; Cassandra can take minutes on a busy laptop


def call(machine: int, method: str, path: str, timeout: float = QUICK_S):
    """Send one request to machine `machine`'s control API and return its JSON answer.

    The machine's own errors come back as the same SandboxError classes, with the same messages."""
    url = f"http://{topology.machine_address(machine)}:{topology.MACHINE_CONTROL_PORT}{path}"
    request = urllib.request.Request(url, method=method, data=b"" if method == "POST" else None)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return json.loads(response.read())
    except urllib.error.HTTPError as failure:
        try:
            answer = json.loads(failure.read())
        except ValueError:
            answer = {"error": f"HTTP {failure.code} from {url}"}
        raise getattr(errors, answer.get("type", ""), SandboxError)(answer["error"]) from None
    except (urllib.error.URLError, OSError) as failure:
        raise SandboxError(
            f"Machine {machine}'s control API ({url}) does not answer: {getattr(failure, 'reason', failure)}. "
            "Is its container running? In docker/: `docker compose ps`, `docker compose logs machine"
            f"{machine}`."
        ) from None


def _on_machine(name: str, action: str, timeout: float):
    service = topology.by_name(name)
    return call(service.machine, "POST", f"/services/{name}/{action}", timeout)


def start(name: str) -> float:
    seconds = _on_machine(name, "start", START_S)["seconds"]
    log.info("%s is up (%.1f s).", name, seconds)
    return seconds


def stop(name: str) -> bool:
    ran = _on_machine(name, "stop", STOP_S)["ran"]
    log.info("%s %s.", name, "stopped" if ran else "was not running")
    return ran


def kill(name: str) -> bool:
    ran = _on_machine(name, "kill", QUICK_S)["ran"]
    log.info("%s %s.", name, "killed" if ran else "was not running")
    return ran


def stop_machine(machine: int) -> list[str]:
    stopped = call(machine, "POST", "/machine/stop", STOP_S)["stopped"]
    log.info("Machine %d: stopped %s.", machine, ", ".join(stopped) or "nothing")
    return stopped


def start_machine(machine: int) -> float:
    seconds = call(machine, "POST", "/machine/start", START_S)["seconds"]
    log.info("Machine %d is up (%.1f s).", machine, seconds)
    return seconds


def _every_machine(function) -> list:
    with ThreadPoolExecutor(len(topology.MACHINES)) as pool:
        return list(pool.map(function, topology.MACHINES))


def up(profile: str | None = None) -> float:
    if profile not in (None, "full"):
        raise SandboxError("The Docker sandbox runs the full profile (three machines); there is no --profile.")
    return max(_every_machine(start_machine))


def down() -> list[str]:
    return [name for stopped in _every_machine(stop_machine) for name in stopped]


def reset() -> None:
    raise SandboxError(
        "The Docker sandbox's data lives in Docker volumes: wipe it from your computer, in docker/, with "
        "`docker compose down -v` (then `docker compose up -d --wait` starts it afresh)."
    )


def status(profile: str | None = None) -> list[ServiceStatus]:
    """Every service of the full profile, machine by machine; a machine that does not answer shows its services down."""

    def of_machine(machine: int) -> list[ServiceStatus]:
        try:
            return [ServiceStatus(**row) for row in call(machine, "GET", "/status")]
        except SandboxError as error:
            log.warning("%s", error)
            services = topology.on_machine(machine, profile_services(profile))
            return [ServiceStatus(s.name, s.machine, "?", None, "down", None, None, None) for s in services]

    rows = {row.name: row for rows in _every_machine(of_machine) for row in rows}
    return [rows[s.name] for s in profile_services(profile) if s.name in rows]


def log_tail(name: str, lines: int = 50) -> str:
    service = topology.by_name(name)
    return call(service.machine, "GET", f"/services/{name}/log?lines={int(lines)}")["text"]
