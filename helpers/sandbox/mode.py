"""Which servers the helpers talk to, and how failure drills reach them.

- local: the local sandbox, JVM processes on this computer (the default).
- docker: the Docker sandbox (docker/compose.yaml). $ENERGY_MACHINE_HOSTS names the machine containers;
  drills go to each machine's control API (helpers.sandbox.remote).
- cluster: your own cluster. $ENERGY_KAFKA_BOOTSTRAP, $ENERGY_CASSANDRA_HOSTS or $ENERGY_SPARK_MASTER is
  set; every lesson that needs no failure drill runs against it, and drills refuse.
"""

from __future__ import annotations

import os

from helpers.sandbox import topology
from helpers.sandbox.errors import SandboxError

LOCAL, DOCKER, CLUSTER = "local", "docker", "cluster"
CLUSTER_ENV_VARS = ("ENERGY_KAFKA_BOOTSTRAP", "ENERGY_CASSANDRA_HOSTS", "ENERGY_SPARK_MASTER")


def current() -> str:
    """'docker' if $ENERGY_MACHINE_HOSTS is set, else 'cluster' if an ENERGY_* endpoint is, else 'local'."""
    if topology.under_docker():
        return DOCKER
    if any(os.environ.get(name) for name in CLUSTER_ENV_VARS):
        return CLUSTER
    return LOCAL


def needs_sandbox(what: str) -> SandboxError:
    """The error a sandbox-only operation raises against your own cluster."""
    endpoints = ", ".join(f"{name}={os.environ[name]}" for name in CLUSTER_ENV_VARS if os.environ.get(name))
    return SandboxError(
        f"{what} needs the workshop's sandbox, which starts, stops and kills its own servers; the lessons "
        f"point at your own cluster ({endpoints}), which the helpers do not control. Run this part on the "
        "sandbox: unset those variables and `make sandbox-up` (or `make docker-up`)."
    )
