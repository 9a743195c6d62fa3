"""Bring the sandbox up and down, one service or all of them, and report its status."""

from __future__ import annotations

import shutil
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass

from helpers.common.waiting import wait_until
from helpers.sandbox import services as svc
from helpers.sandbox.errors import NotHealthyError
from helpers.sandbox.java import check_java
from helpers.sandbox.paths import log_file, service_dir, state_dir
from helpers.sandbox.process import (
    check_ports_free,
    resident_bytes,
    running_process,
    start_process,
    stop_process,
    tail,
    uptime_seconds,
)

DEFAULT_PROFILE = "full"
HEALTH_TIMEOUT_S = {"cassandra": 150, "kafka": 60, "spark-master": 60, "spark-worker": 60}


def current_profile() -> str:
    """The profile of the last `up` (kept in the state folder), else 'full'."""
    try:
        return (state_dir() / "profile").read_text().strip() or DEFAULT_PROFILE
    except FileNotFoundError:
        return DEFAULT_PROFILE


def profile_services(profile: str | None = None) -> list[svc.Service]:
    name = profile or current_profile()
    if name not in svc.PROFILES:
        raise ValueError(f"Unknown profile {name!r}; choose one of {', '.join(svc.PROFILES)}.")
    return svc.PROFILES[name]


def _launch(service: svc.Service, java: str, profile: list[svc.Service]) -> None:
    check_ports_free(service.name, service.address, service.ports)
    argv, env = svc.launch_command(service, java, profile)
    start_process(service.name, argv, env, cwd=service_dir(service.name))


def wait_healthy(
    services: list[svc.Service], profile: list[svc.Service], started: float, timeouts: dict[str, float] | None = None
) -> dict[str, str]:
    """Poll until every service answers; print each as it comes up. Raises NotHealthyError naming the laggard."""
    timeouts = timeouts or HEALTH_TIMEOUT_S
    pending = {s.name: s for s in services}
    versions = {}

    def all_healthy(pool: ThreadPoolExecutor) -> bool:
        results = dict(zip(pending, pool.map(lambda s: svc.safe_probe(s, profile), pending.values())))
        elapsed = time.monotonic() - started
        for name, version in results.items():
            service = pending[name]
            if version:
                versions[name] = version
                print(f"  up    {name:<14} {service.endpoint:<24} {version:<8} after {elapsed:5.1f} s", flush=True)
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


def _not_healthy(service: svc.Service, why: str) -> str:
    log = log_file(service.name)
    return f"{service.name} ({service.endpoint}) is not healthy: {why}.\nLast lines of its log {log}:\n{tail(log, 25)}"


def up(profile: str | None = None) -> float:
    """Start every service of the profile that is down and wait until all are healthy. Returns seconds taken."""
    profile = profile or current_profile()
    services = profile_services(profile)
    others = [s for s in svc.ALL if s not in services and running_process(s.name)]
    if others:
        print(f"Profile {profile} does not use {', '.join(s.name for s in others)}; stopping them.")
        for s in others:
            stop_process(s.name)
    state_dir().mkdir(parents=True, exist_ok=True)
    (state_dir() / "profile").write_text(profile + "\n")
    to_start = [s for s in services if running_process(s.name) is None]
    started = time.monotonic()
    if not to_start:
        print(f"The sandbox ({profile}) is already up: {', '.join(s.name for s in services)}.")
        return 0.0
    java = check_java()
    print(
        f"Starting {', '.join(s.name for s in to_start)} (profile {profile}); waiting for each to be healthy ...",
        flush=True,
    )
    for service in to_start:
        _launch(service, java, services)
    wait_healthy(services, services, started)
    seconds = time.monotonic() - started
    print(f"Sandbox up in {seconds:.1f} s.", flush=True)
    return seconds


def start(name: str) -> None:
    """Start one service of the current profile (e.g. cassandra2 after `stop cassandra2`) and wait for it."""
    service = svc.by_name(name)
    profile = profile_services()
    if running_process(name):
        print(f"{name} is already up.")
        return
    started = time.monotonic()
    _launch(service, check_java(), profile)
    wait_healthy([service], profile, started)


def stop(name: str) -> None:
    svc.by_name(name)
    print(f"{name} stopped." if stop_process(name) else f"{name} was not running.", flush=True)


def down() -> None:
    """Stop every service; data is kept."""
    with ThreadPoolExecutor(max_workers=len(svc.ALL)) as pool:
        stopped = [s.name for s, ran in zip(svc.ALL, pool.map(lambda s: stop_process(s.name), svc.ALL)) if ran]
    print(f"Stopped {', '.join(stopped)}." if stopped else "Nothing was running.")


def reset() -> None:
    """Stop everything and wipe all data and logs (resolved artifacts are kept)."""
    down()
    shutil.rmtree(state_dir() / "services", ignore_errors=True)
    (state_dir() / "profile").unlink(missing_ok=True)
    print(f"Wiped the sandbox data under {state_dir() / 'services'}.")


@dataclass
class ServiceStatus:
    name: str
    address: str
    pid: int | None
    state: str
    version: str | None
    uptime_s: float | None
    rss_mb: float | None


def status(profile: str | None = None) -> list[ServiceStatus]:
    """One ServiceStatus per service of the profile; state is 'up' only if the server answers."""
    services = profile_services(profile)

    def one(service: svc.Service) -> ServiceStatus:
        proc = running_process(service.name)
        version = svc.safe_probe(service, services) if proc else None
        return ServiceStatus(
            service.name,
            service.endpoint,
            proc.pid if proc else None,
            "up" if version else "down",
            version,
            uptime_seconds(proc) if proc else None,
            round(resident_bytes(proc) / 2**20, 1) if proc else None,
        )

    with ThreadPoolExecutor(max_workers=len(services)) as pool:
        return list(pool.map(one, services))


def status_dicts(profile: str | None = None) -> list[dict]:
    return [asdict(s) for s in status(profile)]
