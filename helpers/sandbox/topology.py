"""What runs where: three simulated machines on loopback addresses, and the services on each.

Linux routes all of 127.0.0.0/8 to the loopback interface, so 127.0.0.1, .2 and .3 behave like
three hosts on one laptop: each keeps the standard ports on its own address (as ccm does).

    machine 1 (127.0.0.1)   kafka1   cassandra1   spark-worker1   spark-master
    machine 2 (127.0.0.2)   kafka2   cassandra2   spark-worker2
    machine 3 (127.0.0.3)   kafka3   cassandra3   spark-worker3

Profile `full` runs all of it; `minimal` runs machine 1's broker and Cassandra node only (Spark
then runs in local mode inside the notebook). $ENERGY_SANDBOX_NET moves the machines to other
addresses (e.g. 127.0.5 gives 127.0.5.1-3), so that a second sandbox can run beside the first.

Under Docker (docker/compose.yaml) each machine is a container: $ENERGY_MACHINE_HOSTS names them
("machine1,machine2,machine3") and a machine's address is its container's IP address, resolved from
that name, so servers listen on it and Spark workers register with it (the connector's preferred
locations are the Cassandra nodes' IP addresses).
"""

from __future__ import annotations

import socket
from dataclasses import dataclass

from helpers.environment import MACHINE_HOSTS_VAR, SANDBOX_NET_VAR, environment
from helpers.sandbox.errors import SandboxError

NET_ENV_VAR, HOSTS_ENV_VAR = SANDBOX_NET_VAR, MACHINE_HOSTS_VAR
MACHINES = (1, 2, 3)

KAFKA_PORT, KAFKA_CONTROLLER_PORT = 9092, 9093
CQL_PORT, STORAGE_PORT, JOLOKIA_PORT = 9042, 7000, 8778
SPARK_MASTER_PORT, SPARK_MASTER_UI_PORT, SPARK_WORKER_UI_PORT = 7077, 8080, 8081
MACHINE_CONTROL_PORT = 8790  # under Docker: each machine's control API (helpers.sandbox.machine)

_resolved: dict[str, str] = {}


def net() -> str:
    """The first three octets of the machines' addresses: $ENERGY_SANDBOX_NET or 127.0.0."""
    return environment().sandbox_net


def machine_hosts() -> list[str]:
    """The machines' host names under Docker ($ENERGY_MACHINE_HOSTS, comma-separated), else []."""
    hosts = list(environment().machine_hosts)
    if hosts and len(hosts) != len(MACHINES):
        raise SandboxError(f"{HOSTS_ENV_VAR}={','.join(hosts)} must name {len(MACHINES)} machines, one per machine.")
    return hosts


def under_docker() -> bool:
    """True in the containers of docker/compose.yaml, where the machines are containers."""
    return bool(machine_hosts())


def machine_address(machine: int) -> str:
    """Machine 2 -> '127.0.0.2' (locally), or machine 2's container IP address (under Docker)."""
    hosts = machine_hosts()
    return resolve(hosts[machine - 1]) if hosts else f"{net()}.{machine}"


def resolve(host: str) -> str:
    """The IP address of a host name; the first answer is kept (the compose file fixes each container's address)."""
    if host not in _resolved:
        try:
            _resolved[host] = socket.gethostbyname(host)
        except OSError as error:
            raise SandboxError(
                f"Cannot resolve {host!r} ({error}): is its container running? "
                "`docker compose ps` (in docker/) lists the sandbox's containers."
            ) from None
    return _resolved[host]


@dataclass(frozen=True)
class Service:
    name: str
    kind: str  # "kafka", "cassandra", "spark-master" or "spark-worker"
    machine: int
    port: int  # the port clients use
    extra_ports: tuple[int, ...] = ()

    @property
    def address(self) -> str:
        return machine_address(self.machine)

    @property
    def ports(self) -> list[int]:
        return [self.port, *self.extra_ports]

    @property
    def endpoint(self) -> str:
        scheme = "spark://" if self.kind == "spark-master" else ""
        return f"{scheme}{self.address}:{self.port}"


KAFKA = [Service(f"kafka{m}", "kafka", m, KAFKA_PORT, (KAFKA_CONTROLLER_PORT,)) for m in MACHINES]
CASSANDRA = [Service(f"cassandra{m}", "cassandra", m, CQL_PORT, (STORAGE_PORT, JOLOKIA_PORT)) for m in MACHINES]
SPARK_MASTER = Service("spark-master", "spark-master", 1, SPARK_MASTER_PORT, (SPARK_MASTER_UI_PORT,))
SPARK_WORKERS = [Service(f"spark-worker{m}", "spark-worker", m, SPARK_WORKER_UI_PORT) for m in MACHINES]

ALL = [*KAFKA, *CASSANDRA, SPARK_MASTER, *SPARK_WORKERS]
PROFILES = {
    "full": ALL,
    "minimal": [KAFKA[0], CASSANDRA[0]],
}


def by_name(name: str) -> Service:
    for service in ALL:
        if service.name == name:
            return service
    raise KeyError(f"Unknown service {name!r}; the sandbox has {', '.join(s.name for s in ALL)}.")


def on_machine(machine: int, services: list[Service]) -> list[Service]:
    """The services of `services` that run on machine `machine`."""
    if machine not in MACHINES:
        raise KeyError(f"Unknown machine {machine}; the sandbox simulates machines {MACHINES}.")
    return [s for s in services if s.machine == machine]


def of_kind(kind: str, services: list[Service]) -> list[Service]:
    return [s for s in services if s.kind == kind]
