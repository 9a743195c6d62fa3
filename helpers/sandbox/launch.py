"""How each service starts: its configuration files written, its command line and environment.

Every heap is set explicitly (sizes below; `python -m helpers.sandbox status` shows the resident
memory they come to), every listener binds to the service's machine address only.
"""

from __future__ import annotations

import base64
import os
import subprocess
import uuid
from pathlib import Path

from helpers.environment import environment
from helpers.sandbox import artifacts, config, jolokia
from helpers.sandbox.paths import service_dir, state_dir
from helpers.sandbox.process import environ_for_child
from helpers.sandbox.topology import SPARK_MASTER, Service, of_kind

CASSANDRA_HEAP = "384m"
KAFKA_HEAP = "192m"
SPARK_DAEMON_HEAP = "128m"
SPARK_WORKER_MEMORY = "1g"  # what executors may use on one worker
SPARK_WORKER_CORES = 2  # per worker; two applications (a notebook and a test) can hold executors at once
JVM_LEAN = ["-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k"]  # small daemons: less CPU and memory
MALLOC_ARENAS = {"MALLOC_ARENA_MAX": "2"}  # glibc: fewer malloc arenas, less native memory per JVM


def jmx_port(service: Service) -> int:
    """Cassandra's local JMX port (nodetool), distinct per node and per sandbox net."""
    return 7199 + 100 * (service.machine - 1) + 1000 * int(service.address.split(".")[2])


def fetch_jars(services: list[Service]) -> None:
    """Get the jars of every Kafka and Cassandra among `services` once, before they start side by side."""
    for component in sorted({s.kind for s in services} & {"cassandra", "kafka"}):
        artifacts.classpath(component)
    if of_kind("cassandra", services):
        jolokia.agent_jar()  # the JMX-over-HTTP agent every Cassandra node loads


def launch_command(service: Service, java: str, profile: list[Service]) -> tuple[list[str], dict[str, str]]:
    """Write the service's configuration and return (argv, environment) to start it."""
    home = service_dir(service.name)
    (home / "conf").mkdir(parents=True, exist_ok=True)
    if service.kind == "cassandra":
        return _cassandra(service, java, home, profile)
    if service.kind == "kafka":
        return _kafka(service, java, home, profile)
    return _spark(service, java, home)


def _cassandra(service: Service, java: str, home: Path, profile: list[Service]):
    seeds = [s.address for s in of_kind("cassandra", profile)]
    (home / "conf" / "cassandra.yaml").write_text(config.cassandra_yaml(service.machine, service.address, seeds, home))
    (home / "conf" / "logback.xml").write_text(config.CASSANDRA_LOGBACK)
    argv = [
        java,
        *config.cassandra_jvm_options(home, CASSANDRA_HEAP, jmx_port(service), jolokia.agent_option(service.address)),
        "-cp",
        f"{home / 'conf'}:{artifacts.classpath('cassandra')}",
        "org.apache.cassandra.service.CassandraDaemon",
    ]
    return argv, environ_for_child(**MALLOC_ARENAS)


def _kafka_java(java: str, home: Path, heap: str) -> list[str]:
    return [
        java,
        f"-Xms{heap}",
        f"-Xmx{heap}",
        "-XX:+UseG1GC",
        "-XX:MaxGCPauseMillis=20",
        "-XX:CICompilerCount=2",
        "-Djava.awt.headless=true",
        "-Djava.net.preferIPv4Stack=true",
        f"-Dlog4j2.configurationFile={home / 'conf' / 'log4j2.properties'}",
        f"-Dkafka.logs.dir={home / 'logs'}",
        "-cp",
        artifacts.classpath("kafka"),
    ]


def new_kafka_cluster_id() -> str:
    """A random cluster id as Kafka makes one (Uuid.randomUuid): 22 base64url characters, never a leading
    "-", which the storage tool would read as an option (one id in 64 starts with it)."""
    while True:
        candidate = base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("=")
        if not candidate.startswith("-"):
            return candidate


def kafka_cluster_id() -> str:
    """The one cluster id every broker's storage is formatted with: $ENERGY_KAFKA_CLUSTER_ID (the Docker
    sandbox's machines have a state folder each), else made once and kept in the state folder.

    The brokers start in parallel: the first to get here links its new id into place (a hard link fails if
    the file exists, so exactly one wins), and every broker reads the winner's. Storage formatted with
    different ids fails with INCONSISTENT_CLUSTER_ID."""
    shared = environment().kafka_cluster_id
    if shared:
        return shared
    path = state_dir() / "kafka-cluster-id"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        candidate = path.with_name(f"{path.name}.{uuid.uuid4().hex}")
        candidate.write_text(new_kafka_cluster_id() + "\n")
        try:
            os.link(candidate, path)
        except FileExistsError:
            pass  # another broker's thread was first
        finally:
            candidate.unlink()
    return path.read_text().strip()


def _kafka(service: Service, java: str, home: Path, profile: list[Service]):
    props = home / "conf" / "server.properties"
    data = home / "data"
    voters = {s.machine: s.address for s in of_kind("kafka", profile)}
    props.write_text(
        config.kafka_server_properties(
            service.machine, service.address, service.port, service.extra_ports[0], voters, data
        )
    )
    (home / "conf" / "log4j2.properties").write_text(config.KAFKA_LOG4J2)
    if not (data / "meta.properties").exists():
        format_storage = [*_kafka_java(java, home, "128m"), "kafka.tools.StorageTool", "format"]
        subprocess.run(
            [*format_storage, "-t", kafka_cluster_id(), "-c", str(props)], check=True, capture_output=True, text=True
        )
    return [*_kafka_java(java, home, KAFKA_HEAP), "kafka.Kafka", str(props)], environ_for_child(**MALLOC_ARENAS)


def spark_home() -> Path:
    import pyspark

    return Path(pyspark.__file__).parent


def _spark(service: Service, java: str, home: Path):
    spark = spark_home()
    env = environ_for_child(
        **MALLOC_ARENAS,
        SPARK_HOME=str(spark),
        JAVA_HOME=str(Path(java).resolve().parent.parent),
        SPARK_LOCAL_IP=service.address,
        SPARK_LOCAL_HOSTNAME=service.address,
        SPARK_DAEMON_MEMORY=SPARK_DAEMON_HEAP,
        SPARK_CONF_DIR=str(home / "conf"),
        SPARK_WORKER_DIR=str(home / "work"),
        SPARK_LOCAL_DIRS=str(home / "tmp"),
        SPARK_DAEMON_JAVA_OPTS=" ".join(
            [*JVM_LEAN, "-Djava.net.preferIPv4Stack=true", "-Dspark.worker.cleanup.enabled=true"]
        ),
    )
    launcher = str(spark / "bin" / "spark-class")
    if service.kind == "spark-master":
        ui = service.extra_ports[0]
        argv = [launcher, "org.apache.spark.deploy.master.Master", "--host", service.address]
        argv += ["--port", str(service.port), "--webui-port", str(ui)]
    else:
        argv = [launcher, "org.apache.spark.deploy.worker.Worker", SPARK_MASTER.endpoint, "--host", service.address]
        argv += ["--webui-port", str(service.port), "--cores", str(SPARK_WORKER_CORES)]
        argv += ["--memory", SPARK_WORKER_MEMORY, "--work-dir", str(home / "work")]
    return argv, env
