"""The sandbox's services: where each listens, how it starts, and how we know it is healthy."""

from __future__ import annotations

import base64
import subprocess
import uuid
from dataclasses import dataclass
from pathlib import Path

from helpers.sandbox import artifacts, config, jolokia, probes
from helpers.sandbox.paths import log_file, service_dir
from helpers.sandbox.process import environ_for_child, tail

CASSANDRA_HEAP = "512m"
KAFKA_HEAP = "384m"
SPARK_DAEMON_HEAP = "192m"
SPARK_WORKER_MEMORY = "1536m"
SPARK_WORKER_CORES = 4  # oversubscribed on purpose: two apps (a notebook and a test) can hold executors at once


@dataclass(frozen=True)
class Service:
    name: str
    kind: str  # "cassandra", "kafka", "spark-master" or "spark-worker"
    address: str
    port: int  # the port clients use
    extra_ports: tuple[int, ...] = ()
    node: int = 1  # Cassandra node / Spark worker number

    @property
    def ports(self) -> list[int]:
        return [self.port, *self.extra_ports]

    @property
    def endpoint(self) -> str:
        return f"spark://{self.address}:{self.port}" if self.kind == "spark-master" else f"{self.address}:{self.port}"


KAFKA = Service("kafka", "kafka", "127.0.0.1", 9092, (9093,))
CASSANDRA1 = Service("cassandra1", "cassandra", "127.0.0.1", 9042, (7000, 7199), node=1)
CASSANDRA2 = Service("cassandra2", "cassandra", "127.0.0.2", 9042, (7000, 7299), node=2)
SPARK_MASTER = Service("spark-master", "spark-master", "127.0.0.1", 7077, (8080,))
SPARK_WORKER1 = Service("spark-worker1", "spark-worker", "127.0.0.1", 8081, (), node=1)
SPARK_WORKER2 = Service("spark-worker2", "spark-worker", "127.0.0.2", 8081, (), node=2)

ALL = [KAFKA, CASSANDRA1, CASSANDRA2, SPARK_MASTER, SPARK_WORKER1, SPARK_WORKER2]
PROFILES = {
    "full": ALL,
    # One Cassandra node and no Spark daemons: notebooks run Spark in local mode.
    "minimal": [KAFKA, CASSANDRA1],
}
CASSANDRA_NODES = [CASSANDRA1, CASSANDRA2]


def by_name(name: str) -> Service:
    for service in ALL:
        if service.name == name:
            return service
    raise KeyError(f"Unknown service {name!r}; the sandbox has {', '.join(s.name for s in ALL)}.")


def jmx_port(service: Service) -> int:
    return service.extra_ports[-1]


def spark_home() -> Path:
    import pyspark

    return Path(pyspark.__file__).parent


# ---- launching -------------------------------------------------------------------------


def launch_command(service: Service, java: str, profile: list[Service]) -> tuple[list[str], dict[str, str]]:
    """Write the service's configuration and return (argv, environment) to start it."""
    home = service_dir(service.name)
    (home / "conf").mkdir(parents=True, exist_ok=True)
    if service.kind == "cassandra":
        return _cassandra(service, java, home, profile)
    if service.kind == "kafka":
        return _kafka(service, java, home)
    return _spark(service, java, home)


def _cassandra(service, java, home, profile):
    seeds = [s.address for s in CASSANDRA_NODES if s in profile]
    (home / "conf" / "cassandra.yaml").write_text(config.cassandra_yaml(service.node, service.address, seeds, home))
    (home / "conf" / "logback.xml").write_text(config.CASSANDRA_LOGBACK)
    argv = [
        java,
        *config.cassandra_jvm_options(home, CASSANDRA_HEAP, jmx_port(service), jolokia.agent_option(service.address)),
        "-cp",
        f"{home / 'conf'}:{artifacts.classpath('cassandra')}",
        "org.apache.cassandra.service.CassandraDaemon",
    ]
    return argv, environ_for_child()


def _kafka_java(java: str, home: Path, heap: str) -> list[str]:
    return [
        java,
        f"-Xms{heap}",
        f"-Xmx{heap}",
        "-XX:+UseG1GC",
        "-XX:MaxGCPauseMillis=20",
        "-Djava.awt.headless=true",
        "-Djava.net.preferIPv4Stack=true",
        f"-Dlog4j2.configurationFile={home / 'conf' / 'log4j2.properties'}",
        f"-Dkafka.logs.dir={home / 'logs'}",
        "-cp",
        artifacts.classpath("kafka"),
    ]


def _kafka(service, java, home):
    props = home / "conf" / "server.properties"
    data = home / "data"
    props.write_text(config.kafka_server_properties(service.address, service.port, service.extra_ports[0], data))
    (home / "conf" / "log4j2.properties").write_text(config.KAFKA_LOG4J2)
    if not (data / "meta.properties").exists():
        cluster_id = base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("=")
        subprocess.run(
            [
                *_kafka_java(java, home, "128m"),
                "kafka.tools.StorageTool",
                "format",
                "-t",
                cluster_id,
                "-c",
                str(props),
                "--standalone",
            ],
            check=True,
            capture_output=True,
            text=True,
        )
    return [*_kafka_java(java, home, KAFKA_HEAP), "kafka.Kafka", str(props)], environ_for_child()


def _spark(service, java, home):
    spark = spark_home()
    env = environ_for_child(
        SPARK_HOME=str(spark),
        JAVA_HOME=str(Path(java).resolve().parent.parent),
        SPARK_LOCAL_IP=service.address,
        SPARK_LOCAL_HOSTNAME=service.address,
        SPARK_DAEMON_MEMORY=SPARK_DAEMON_HEAP,
        SPARK_CONF_DIR=str(home / "conf"),
        SPARK_WORKER_DIR=str(home / "work"),
        SPARK_LOCAL_DIRS=str(home / "tmp"),
        SPARK_DAEMON_JAVA_OPTS="-Djava.net.preferIPv4Stack=true -Dspark.worker.cleanup.enabled=true",
    )
    cls = f"{spark / 'bin' / 'spark-class'}"
    if service.kind == "spark-master":
        argv = [
            cls,
            "org.apache.spark.deploy.master.Master",
            "--host",
            service.address,
            "--port",
            str(service.port),
            "--webui-port",
            str(service.extra_ports[0]),
        ]
    else:
        argv = [
            cls,
            "org.apache.spark.deploy.worker.Worker",
            SPARK_MASTER.endpoint,
            "--host",
            service.address,
            "--webui-port",
            str(service.port),
            "--cores",
            str(SPARK_WORKER_CORES),
            "--memory",
            SPARK_WORKER_MEMORY,
            "--work-dir",
            str(home / "work"),
        ]
    return argv, env


# ---- health and version ----------------------------------------------------------------


def probe(service: Service, profile: list[Service]) -> str | None:
    """The service's version if it is healthy (as the server reports it); raises or returns None if not."""
    if not probes.port_open(service.address, service.port):
        return None
    if service.kind == "cassandra":
        node = probes.cassandra_node(service.address, service.port)
        others = {s.address for s in CASSANDRA_NODES if s in profile and s != service}
        return node["version"] if others <= set(node["peers"]) else None
    if service.kind == "kafka":
        probes.kafka_broker(service.address, service.port)
        return probes.kafka_version_from_log(tail(log_file(service.name), 100000)) or "unknown"
    if service.kind == "spark-master":
        status = probes.spark_master(service.address, service.extra_ports[0])
        return probes.spark_ui_version(service.address, service.extra_ports[0]) if status["status"] == "ALIVE" else None
    master = probes.spark_master(SPARK_MASTER.address, SPARK_MASTER.extra_ports[0])
    registered = any(w["host"] == service.address and w["state"] == "ALIVE" for w in master["workers"])
    return probes.spark_ui_version(service.address, service.port) if registered else None


def safe_probe(service: Service, profile: list[Service]) -> str | None:
    """probe(), with any connection error meaning 'not healthy (yet)'."""
    try:
        return probe(service, profile)
    except Exception:  # noqa: BLE001 - any failure to answer means not healthy
        return None
