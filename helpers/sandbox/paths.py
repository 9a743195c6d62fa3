"""Where the sandbox keeps its state: data, logs, pid files and fetched jars."""

from __future__ import annotations

from pathlib import Path

from helpers.environment import SANDBOX_HOME_VAR, environment
from helpers.sandbox.errors import SandboxError

STATE_ENV_VAR = SANDBOX_HOME_VAR


def state_dir() -> Path:
    """The sandbox's state folder: $ENERGY_SANDBOX_HOME, or .sandbox/ in the repository."""
    return environment().sandbox_home


def service_dir(name: str) -> Path:
    """One service's folder (its conf/, data and log), under the state folder."""
    return state_dir() / "services" / name


def artifacts_dir() -> Path:
    """Verified jars fetched from the jar lock (maven2/) and their check cache; kept by `reset`."""
    return state_dir() / "artifacts"


def log_file(name: str) -> Path:
    return service_dir(name) / "service.log"


def pid_file(name: str) -> Path:
    return state_dir() / "pids" / f"{name}.pid"


def server_folder(name: str, folder: str, what: str) -> Path:
    """A folder of service `name` on this computer's disk (e.g. cassandra1's hints), for the helpers that read
    a server's files; a SandboxError says why it is not there."""
    path = service_dir(name) / folder
    if not path.is_dir():
        raise SandboxError(
            f"{what} are read from {name}'s own disk ({path}), which this computer does not have. That works on "
            "the local sandbox once the service has run, and in the Docker sandbox's jupyter container (it mounts "
            "the brokers' and nodes' volumes read-only); not against your own cluster."
        )
    return path
