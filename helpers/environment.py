"""The one module that reads the ``ENERGY_*`` settings: which servers the helpers use, and where things live.

Read when asked (``environment()``), never at import, so a variable set before the first call that needs
it is seen. The mode follows from what is set:

- ``docker``: $ENERGY_MACHINE_HOSTS names the machine containers of docker/compose.yaml;
- ``cluster``: your own cluster, through any of $ENERGY_KAFKA_BOOTSTRAP, $ENERGY_CASSANDRA_HOSTS (and
  $ENERGY_CASSANDRA_PORT), $ENERGY_SPARK_MASTER (and $ENERGY_SPARK_DRIVER_HOST);
- ``local``: the local sandbox (the default).

Where things live: $ENERGY_SANDBOX_HOME (the sandbox's state, default .sandbox/), $ENERGY_SANDBOX_NET (the
machines' first three octets, default 127.0.0), $ENERGY_DATA_CACHE (downloads, default
~/.cache/energy-workshop), $ENERGY_MAVEN_REPOSITORY (where jars come from, default Maven Central),
$ENERGY_KAFKA_CLUSTER_ID (the Docker machines' shared Kafka cluster id).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from helpers.common.paths import REPO_ROOT

LOCAL, DOCKER, CLUSTER = "local", "docker", "cluster"
KAFKA_BOOTSTRAP_VAR = "ENERGY_KAFKA_BOOTSTRAP"
CASSANDRA_HOSTS_VAR = "ENERGY_CASSANDRA_HOSTS"
CASSANDRA_PORT_VAR = "ENERGY_CASSANDRA_PORT"
SPARK_MASTER_VAR = "ENERGY_SPARK_MASTER"
SPARK_DRIVER_HOST_VAR = "ENERGY_SPARK_DRIVER_HOST"
MACHINE_HOSTS_VAR = "ENERGY_MACHINE_HOSTS"
SANDBOX_NET_VAR = "ENERGY_SANDBOX_NET"
SANDBOX_HOME_VAR = "ENERGY_SANDBOX_HOME"
DATA_CACHE_VAR = "ENERGY_DATA_CACHE"
MAVEN_REPOSITORY_VAR = "ENERGY_MAVEN_REPOSITORY"
KAFKA_CLUSTER_ID_VAR = "ENERGY_KAFKA_CLUSTER_ID"
SERVICE_MARKER_VAR = "ENERGY_SANDBOX_SERVICE"
"""Not a setting: the variable the sandbox puts in each server's environment, to know its own processes."""
CLUSTER_VARS = (KAFKA_BOOTSTRAP_VAR, CASSANDRA_HOSTS_VAR, SPARK_MASTER_VAR)
CENTRAL = "https://repo1.maven.org/maven2"
DEFAULT_NET = "127.0.0"
DEFAULT_CQL_PORT = 9042


def _list(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(",") if part.strip())


@dataclass(frozen=True)
class Environment:
    kafka_bootstrap: str | None
    """$ENERGY_KAFKA_BOOTSTRAP: your own brokers (host:port, comma-separated), else None (the sandbox's)."""
    cassandra_hosts: tuple[str, ...]
    cassandra_port: int
    spark_master: str | None
    spark_driver_host: str | None
    machine_hosts: tuple[str, ...]
    sandbox_net: str
    sandbox_home: Path
    data_cache: Path
    maven_repository: str
    kafka_cluster_id: str | None

    @property
    def mode(self) -> str:
        """'docker' if machine hosts are named, else 'cluster' if an endpoint is set, else 'local'."""
        if self.machine_hosts:
            return DOCKER
        return CLUSTER if self.cluster_endpoints() else LOCAL

    def cluster_endpoints(self) -> dict[str, str]:
        """The endpoint variables that are set, as they were set (for messages)."""
        values = {
            KAFKA_BOOTSTRAP_VAR: self.kafka_bootstrap,
            CASSANDRA_HOSTS_VAR: ",".join(self.cassandra_hosts),
            SPARK_MASTER_VAR: self.spark_master,
        }
        return {name: value for name, value in values.items() if value}


def environment(variables: Mapping[str, str] | None = None) -> Environment:
    """The settings as the process's environment (or ``variables``) has them now."""
    env = os.environ if variables is None else variables
    return Environment(
        kafka_bootstrap=env.get(KAFKA_BOOTSTRAP_VAR) or None,
        cassandra_hosts=_list(env.get(CASSANDRA_HOSTS_VAR, "")),
        cassandra_port=int(env.get(CASSANDRA_PORT_VAR) or DEFAULT_CQL_PORT),
        spark_master=env.get(SPARK_MASTER_VAR) or None,
        spark_driver_host=env.get(SPARK_DRIVER_HOST_VAR) or None,
        machine_hosts=_list(env.get(MACHINE_HOSTS_VAR, "")),
        sandbox_net=env.get(SANDBOX_NET_VAR) or DEFAULT_NET,
        sandbox_home=Path(env.get(SANDBOX_HOME_VAR) or REPO_ROOT / ".sandbox").resolve(),
        data_cache=Path(env.get(DATA_CACHE_VAR) or Path.home() / ".cache" / "energy-workshop"),
        maven_repository=(env.get(MAVEN_REPOSITORY_VAR) or CENTRAL).rstrip("/"),
        kafka_cluster_id=env.get(KAFKA_CLUSTER_ID_VAR) or None,
    )
