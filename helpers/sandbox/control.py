"""Bring the sandbox up and down, a service or a whole machine at a time, and report its status.

Failure drills: `stop` (graceful, SIGTERM), `kill` (SIGKILL: a crash, nothing flushed) and
`stop_machine` (everything on one simulated machine), each undone by `start` / `start_machine`.
Progress is logged (the CLI prints it); the functions return what they did.

The same calls work in every sandbox (helpers.sandbox.mode): on local processes, on the Docker
sandbox's machines through their control API (helpers.sandbox.remote), and they refuse, saying why,
when the lessons point at your own cluster.
"""

from __future__ import annotations

import functools
import logging
import shutil
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass

from helpers.common.waiting import wait_until
from helpers.sandbox import mode, topology
from helpers.sandbox.errors import NotHealthyError, SandboxError
from helpers.sandbox.java import check_java
from helpers.sandbox.launch import fetch_jars, launch_command
from helpers.sandbox.paths import log_file, service_dir, state_dir
from helpers.sandbox.probes import safe_health
from helpers.sandbox.process import (
    check_addresses_local,
    check_ports_free,
    kill_process,
    resident_bytes,
    running_process,
    start_process,
    stop_process,
    tail,
    uptime_seconds,
)
from helpers.sandbox.topology import Service

log = logging.getLogger(__name__)

DEFAULT_PROFILE = "full"
# Brokers become healthy only once the three KRaft controllers have elected a leader and registered them:
# 60-85 s on a first start on two busy cores (a second sandbox beside the first, as test_no_java runs).
HEALTH_TIMEOUT_S = {"cassandra": 180, "kafka": 180, "spark-master": 90, "spark-worker": 90}


def routed(function):
    """Run ``function`` on local processes, or its namesake in helpers.sandbox.remote under Docker;
    refuse against your own cluster."""

    @functools.wraps(function)
    def run(*args, **kwargs):
        where = mode.current()
        if where == mode.CLUSTER:
            raise mode.needs_sandbox(f"helpers.sandbox.{function.__name__}")
        if where == mode.DOCKER:
            from helpers.sandbox import remote

            return getattr(remote, function.__name__)(*args, **kwargs)
        return function(*args, **kwargs)

    return run


def current_profile() -> str:
    """The profile of the last `up` (kept in the state folder), else 'full'."""
    try:
        return (state_dir() / "profile").read_text().strip() or DEFAULT_PROFILE
    except FileNotFoundError:
        return DEFAULT_PROFILE


def profile_services(profile: str | None = None) -> list[Service]:
    name = profile or current_profile()
    if name not in topology.PROFILES:
        raise SandboxError(f"Unknown profile {name!r}; choose one of {', '.join(topology.PROFILES)}.")
    return topology.PROFILES[name]


def _in_profile(name: str) -> Service:
    service = topology.by_name(name)
    if service not in profile_services():
        raise SandboxError(f"{name} is not part of profile {current_profile()}; `up --profile full` runs it.")
    return service


def _launch_all(services: list[Service], profile: list[Service]) -> None:
    """Write each service's configuration and start its process, all at once."""
    java = check_java()
    check_addresses_local(service.address for service in services)
    fetch_jars(services)

    def launch(service: Service) -> None:
        check_ports_free(service.name, service.address, service.ports)
        argv, env = launch_command(service, java, profile)
        start_process(service.name, argv, env, cwd=service_dir(service.name))

    with ThreadPoolExecutor(max_workers=len(services)) as pool:
        list(pool.map(launch, services))


def wait_healthy(
    services: list[Service], profile: list[Service], started: float, timeouts: dict[str, float] | None = None
) -> dict[str, str]:
    """Poll until every service answers; log each as it comes up. Raises NotHealthyError naming the laggard."""
    timeouts = timeouts or HEALTH_TIMEOUT_S
    pending = {s.name: s for s in services}
    versions = {}

    def all_healthy(pool: ThreadPoolExecutor) -> bool:
        results = dict(zip(pending, pool.map(lambda s: safe_health(s, profile), pending.values())))
        elapsed = time.monotonic() - started
        for name, version in results.items():
            service = pending[name]
            if version:
                versions[name] = version
                log.info("  up    %-14s %-24s %-8s after %5.1f s", name, service.endpoint, version, elapsed)
                del pending[name]
            elif running_process(name) is None:
                raise NotHealthyError(_not_healthy(service, "its process exited"))
            elif elapsed > timeouts[service.kind]:
                raise NotHealthyError(_not_healthy(service, f"it did not answer within {timeouts[service.kind]} s"))
        return not pending

    with ThreadPoolExecutor(max_workers=max(1, len(services))) as pool:
        # Each kind's own timeout ends the wait first (NotHealthyError, naming the service).
        wait_until(lambda: all_healthy(pool), max(timeouts.values()) + 60, "the sandbox", interval_s=1.0)
    return versions


def _not_healthy(service: Service, why: str) -> str:
    path = log_file(service.name)
    return (
        f"{service.name} ({service.endpoint}) is not healthy: {why}.\nLast lines of its log {path}:\n{tail(path, 25)}"
    )


def start_services(services: list[Service], profile: list[Service], timeouts: dict[str, float] | None = None) -> float:
    """Start those of `services` that are down, as processes of this computer, and wait until all of them
    are healthy. Returns seconds. (The Docker sandbox's machines run this for their own services.)"""
    started = time.monotonic()
    to_start = [s for s in services if running_process(s.name) is None]
    if to_start:
        log.info("Starting %s; waiting for each to be healthy ...", ", ".join(s.name for s in to_start))
        _launch_all(to_start, profile)
    wait_healthy(services, profile, started, timeouts)
    return time.monotonic() - started


def _check_data_profile(profile: str) -> None:
    """Refuse to start one profile on the data another made (a 1-node cluster cannot use 3-node data)."""
    made_by = state_dir() / "profile"
    has_data = (state_dir() / "services").exists()
    if has_data and made_by.exists() and made_by.read_text().strip() != profile:
        raise SandboxError(
            f"The sandbox's data was made by profile {made_by.read_text().strip()}, not {profile}. "
            f"Keep that profile (`up` without --profile), or wipe the data first: `python -m helpers.sandbox reset`."
        )


@routed
def up(profile: str | None = None) -> float:
    """Start every service of the profile that is down and wait until all are healthy. Returns seconds taken."""
    profile = profile or current_profile()
    services = profile_services(profile)
    _check_data_profile(profile)
    state_dir().mkdir(parents=True, exist_ok=True)
    (state_dir() / "profile").write_text(profile + "\n")
    if all(running_process(s.name) for s in services):
        log.info("The sandbox (%s) is already up: %s.", profile, ", ".join(s.name for s in services))
        return 0.0
    try:
        seconds = start_services(services, services)
    except NotHealthyError as error:
        raise NotHealthyError(
            f"{error}\nThe services that came up keep running: fix the cause and run `up` again (it starts only "
            "what is down), or stop them all with `python -m helpers.sandbox down`."
        ) from error
    log.info("Sandbox up in %.1f s.", seconds)
    return seconds


@routed
def start(name: str) -> float:
    """Start one service (e.g. kafka2 after `kill kafka2`) and wait until it is healthy. Returns seconds."""
    return start_services([_in_profile(name)], profile_services())


@routed
def stop(name: str) -> bool:
    """Stop one service gracefully (SIGTERM: it flushes and leaves cleanly). True if it was running."""
    return _end(name, stop_process, "stopped")


@routed
def kill(name: str) -> bool:
    """Kill one service with SIGKILL: a crash, as when a machine loses power. True if it was running."""
    return _end(name, kill_process, "killed")


def _end(name: str, end, done: str) -> bool:
    _in_profile(name)
    ended = end(name)
    log.info("%s %s.", name, done if ended else "was not running")
    return ended


def machine_services(machine: int) -> list[Service]:
    """The services of the running profile on machine `machine` (1, 2 or 3)."""
    return topology.on_machine(machine, profile_services())


@routed
def stop_machine(machine: int) -> list[str]:
    """Stop everything on one machine at once (gracefully). Returns the names stopped."""
    services = machine_services(machine)
    with ThreadPoolExecutor(max_workers=max(1, len(services))) as pool:
        ran = list(pool.map(lambda s: stop_process(s.name), services))
    stopped = [s.name for s, was_running in zip(services, ran) if was_running]
    log.info(
        "Machine %d (%s): stopped %s.", machine, topology.machine_address(machine), ", ".join(stopped) or "nothing"
    )
    return stopped


@routed
def start_machine(machine: int) -> float:
    """Start everything on one machine and wait until it is healthy. Returns seconds."""
    return start_services(machine_services(machine), profile_services())


@routed
def down() -> list[str]:
    """Stop every service; data is kept. Returns the names stopped."""
    with ThreadPoolExecutor(max_workers=len(topology.ALL)) as pool:
        ran = list(pool.map(lambda s: stop_process(s.name), topology.ALL))
    stopped = [s.name for s, was_running in zip(topology.ALL, ran) if was_running]
    log.info("Stopped %s.", ", ".join(stopped) if stopped else "nothing (nothing was running)")
    return stopped


@routed
def reset() -> None:
    """Stop everything and wipe all data and logs (downloaded jars are kept)."""
    down()
    shutil.rmtree(state_dir() / "services", ignore_errors=True)
    (state_dir() / "profile").unlink(missing_ok=True)
    (state_dir() / "kafka-cluster-id").unlink(missing_ok=True)
    log.info("Wiped the sandbox data under %s.", state_dir() / "services")


@dataclass
class ServiceStatus:
    name: str
    machine: int
    address: str
    pid: int | None
    state: str
    version: str | None
    uptime_s: float | None
    rss_mb: float | None


def service_status(service: Service, profile: list[Service]) -> ServiceStatus:
    """The status of one service whose process runs on this computer; 'up' only if the server answers."""
    proc = running_process(service.name)
    version = safe_health(service, profile) if proc else None
    return ServiceStatus(
        service.name,
        service.machine,
        service.endpoint,
        proc.pid if proc else None,
        "up" if version else "down",
        version,
        uptime_seconds(proc) if proc else None,
        round(resident_bytes(proc) / 2**20, 1) if proc else None,
    )


@routed
def status(profile: str | None = None) -> list[ServiceStatus]:
    """One ServiceStatus per service of the profile; state is 'up' only if the server answers."""
    services = profile_services(profile)
    with ThreadPoolExecutor(max_workers=len(services)) as pool:
        return list(pool.map(lambda s: service_status(s, services), services))


def status_dicts(profile: str | None = None) -> list[dict]:
    return [asdict(s) for s in status(profile)]


@routed
def log_tail(name: str, lines: int = 50) -> str:
    """The last `lines` lines of a service's log, after a line naming the log file."""
    topology.by_name(name)
    return f"==> {log_file(name)} <==\n{tail(log_file(name), lines)}"
