"""Where the notebooks find the services, for the sandbox profile that is running.

    from helpers.endpoints import KAFKA_BOOTSTRAP, cassandra_contact_points, spark_master_url, require

KAFKA_BOOTSTRAP lists every broker of the profile ("127.0.0.1:9092,127.0.0.2:9092,127.0.0.3:9092"):
a client needs only one of them to answer to learn the whole cluster, so listing all lets it start
while any one broker is down.

Under Docker (docker/compose.yaml) the same code finds the machine containers' addresses through
helpers.sandbox.topology ($ENERGY_MACHINE_HOSTS). To use your own cluster, set ENERGY_KAFKA_BOOTSTRAP,
ENERGY_CASSANDRA_HOSTS and ENERGY_SPARK_MASTER (and ENERGY_SPARK_DRIVER_HOST): they take precedence.
"""

from __future__ import annotations

import socket

from helpers.common.errors import ServiceUnavailable
from helpers.environment import CASSANDRA_HOSTS_VAR, CLUSTER, KAFKA_BOOTSTRAP_VAR, SPARK_MASTER_VAR, environment
from helpers.sandbox.control import current_profile, profile_services
from helpers.sandbox.paths import state_dir
from helpers.sandbox.probes import port_open
from helpers.sandbox.topology import SPARK_MASTER, machine_address, of_kind

CLUSTER_PROBE_S = 3.0
"""How long require() waits for each of your own cluster's endpoints to accept a connection."""


def kafka_bootstrap() -> str:
    """Every broker of the profile, "127.0.0.1:9092,127.0.0.2:9092,127.0.0.3:9092", or $ENERGY_KAFKA_BOOTSTRAP."""
    return environment().kafka_bootstrap or ",".join(s.endpoint for s in of_kind("kafka", profile_services()))


def __getattr__(name: str) -> str:
    """``KAFKA_BOOTSTRAP``, resolved when a notebook imports it (not when this module is imported)."""
    if name == "KAFKA_BOOTSTRAP":
        return kafka_bootstrap()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


START_HINT = "Start the sandbox with `make sandbox-up` (or `python -m helpers.sandbox up`)."


def cassandra_contact_points() -> list[str]:
    """The Cassandra nodes of the running profile: ['127.0.0.1', '127.0.0.2', '127.0.0.3'] (full), ['127.0.0.1']."""
    hosts = environment().cassandra_hosts
    return list(hosts) if hosts else [s.address for s in of_kind("cassandra", profile_services())]


def cassandra_port() -> int:
    """The CQL port: 9042, or $ENERGY_CASSANDRA_PORT for your own cluster."""
    return environment().cassandra_port


def spark_master_url() -> str:
    """spark://127.0.0.1:7077 on the full profile, local[2] on the minimal one."""
    master = environment().spark_master
    if master:
        return master
    return SPARK_MASTER.endpoint if SPARK_MASTER in profile_services() else "local[2]"


def spark_driver_host() -> str:
    """The address Spark's executors reach the driver (this Python process) at, and that it binds to:
    $ENERGY_SPARK_DRIVER_HOST resolved (under Docker: the jupyter container), else machine 1's address."""
    host = environment().spark_driver_host
    return socket.gethostbyname(host) if host else machine_address(1)


def require(*names: str, any_of: bool = False, lesson: str | None = None) -> None:
    """Fail fast, with what to do, if a service this notebook needs is not listening.

    names: service names ('kafka', 'cassandra1', ...) or kinds ('cassandra', 'spark').
    any_of: one listening service is enough (a Cassandra client can work through either node).
    lesson: the lesson this kernel runs ('02'); refused while another live kernel runs it (helpers.course.runs).
    """
    if lesson:
        from helpers.course.runs import hold

        hold(lesson, state_dir() / "lessons")
    if environment().mode == CLUSTER:
        _require_cluster(names, any_of)
        return
    wanted = [s for s in profile_services() if any(s.name == n or s.kind.startswith(n) for n in names)]
    down = [s for s in wanted if not port_open(s.address, s.port)]
    if down and not (any_of and len(down) < len(wanted)):
        listing = ", ".join(f"{s.name} ({s.endpoint})" for s in down)
        raise ServiceUnavailable(
            f"Not reachable: {listing} [profile {current_profile()}]. {START_HINT} "
            f"`python -m helpers.sandbox status` shows what is up."
        )


def _cluster_endpoints(names: tuple[str, ...]) -> list[tuple[str, str, int]]:
    """(variable, host, port) of your own cluster's endpoints among the kinds in ``names``."""
    env = environment()
    wanted = {
        kind for kind in ("kafka", "cassandra", "spark") if any(kind.startswith(n) or n.startswith(kind) for n in names)
    }
    found = []
    if "kafka" in wanted and env.kafka_bootstrap:
        for endpoint in env.kafka_bootstrap.split(","):
            host, _, port = endpoint.strip().rpartition(":")
            found.append((KAFKA_BOOTSTRAP_VAR, host, int(port)))
    if "cassandra" in wanted:
        found += [(CASSANDRA_HOSTS_VAR, host, env.cassandra_port) for host in env.cassandra_hosts]
    if "spark" in wanted and env.spark_master and env.spark_master.startswith("spark://"):
        host, _, port = env.spark_master.removeprefix("spark://").rpartition(":")
        found.append((SPARK_MASTER_VAR, host, int(port)))
    return found


def _require_cluster(names: tuple[str, ...], any_of: bool) -> None:
    """Against your own cluster: the configured endpoints of the kinds asked for must accept a connection
    (with ``any_of``, one of them)."""
    endpoints = _cluster_endpoints(names)
    down = [
        f"{host}:{port} ({variable})"
        for variable, host, port in endpoints
        if not port_open(host, port, timeout=CLUSTER_PROBE_S)
    ]
    if down and not (any_of and len(down) < len(endpoints)):
        raise ServiceUnavailable(
            f"Not reachable: {', '.join(down)} [your own cluster]. Check that the servers run and that these "
            "addresses are right, or unset the ENERGY_* endpoint variables to use the sandbox."
        )
