"""Which servers the helpers talk to, and how failure drills reach them.

- local: the local sandbox, JVM processes on this computer (the default).
- docker: the Docker sandbox (docker/compose.yaml). $ENERGY_MACHINE_HOSTS names the machine containers;
  drills go to each machine's control API (helpers.sandbox.remote).
- cluster: your own cluster. $ENERGY_KAFKA_BOOTSTRAP, $ENERGY_CASSANDRA_HOSTS or $ENERGY_SPARK_MASTER is
  set; every lesson that needs no failure drill runs against it, and drills refuse.
"""

from __future__ import annotations

from helpers.environment import CLUSTER, CLUSTER_VARS, DOCKER, LOCAL, environment
from helpers.sandbox import topology
from helpers.sandbox.errors import SandboxError

__all__ = ["CLUSTER", "CLUSTER_ENV_VARS", "DOCKER", "LOCAL", "current", "needs_sandbox"]
CLUSTER_ENV_VARS = CLUSTER_VARS


def current() -> str:
    """'docker' if $ENERGY_MACHINE_HOSTS is set, else 'cluster' if an ENERGY_* endpoint is, else 'local'."""
    if topology.under_docker():  # also checks that the machine hosts are three
        return DOCKER
    return environment().mode


def needs_sandbox(what: str) -> SandboxError:
    """The error a sandbox-only operation raises against your own cluster."""
    endpoints = ", ".join(f"{name}={value}" for name, value in environment().cluster_endpoints().items())
    return SandboxError(
        f"{what} needs the workshop's sandbox, which starts, stops and kills its own servers; the lessons "
        f"point at your own cluster ({endpoints}), which the helpers do not control. Run this part on the "
        "sandbox: unset those variables and `make sandbox-up` (or `make docker-up`)."
    )
