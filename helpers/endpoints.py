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

import os
import socket

from helpers.common.errors import ServiceUnavailable
from helpers.sandbox.control import current_profile, profile_services
from helpers.sandbox.paths import state_dir
from helpers.sandbox.probes import port_open
from helpers.sandbox.topology import SPARK_MASTER, machine_address, of_kind

KAFKA_BOOTSTRAP = os.environ.get("ENERGY_KAFKA_BOOTSTRAP") or ",".join(
    s.endpoint for s in of_kind("kafka", profile_services())
)

START_HINT = "Start the sandbox with `make sandbox-up` (or `python -m helpers.sandbox up`)."


def cassandra_contact_points() -> list[str]:
    """The Cassandra nodes of the running profile: ['127.0.0.1', '127.0.0.2', '127.0.0.3'] (full), ['127.0.0.1']."""
    if os.environ.get("ENERGY_CASSANDRA_HOSTS"):
        return os.environ["ENERGY_CASSANDRA_HOSTS"].split(",")
    return [s.address for s in of_kind("cassandra", profile_services())]


def spark_master_url() -> str:
    """spark://127.0.0.1:7077 on the full profile, local[2] on the minimal one."""
    if os.environ.get("ENERGY_SPARK_MASTER"):
        return os.environ["ENERGY_SPARK_MASTER"]
    return SPARK_MASTER.endpoint if SPARK_MASTER in profile_services() else "local[2]"


def spark_driver_host() -> str:
    """The address Spark's executors reach the driver (this Python process) at, and that it binds to:
    $ENERGY_SPARK_DRIVER_HOST resolved (under Docker: the jupyter container), else machine 1's address."""
    host = os.environ.get("ENERGY_SPARK_DRIVER_HOST")
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
    if os.environ.get("ENERGY_CASSANDRA_HOSTS"):
        return  # docker/: the compose file's health checks own readiness
    wanted = [s for s in profile_services() if any(s.name == n or s.kind.startswith(n) for n in names)]
    down = [s for s in wanted if not port_open(s.address, s.port)]
    if down and not (any_of and len(down) < len(wanted)):
        listing = ", ".join(f"{s.name} ({s.endpoint})" for s in down)
        raise ServiceUnavailable(
            f"Not reachable: {listing} [profile {current_profile()}]. {START_HINT} "
            f"`python -m helpers.sandbox status` shows what is up."
        )
