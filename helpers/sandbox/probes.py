"""Ask each running server whether it is healthy and which version it is, over its own protocol."""

from __future__ import annotations

import json
import logging
import re
import socket
import urllib.request

from helpers.sandbox.paths import log_file
from helpers.sandbox.process import tail
from helpers.sandbox.topology import SPARK_MASTER, Service, of_kind

TIMEOUT_S = 3.0


def port_open(address: str, port: int, timeout: float = 1.0) -> bool:
    try:
        with socket.create_connection((address, port), timeout=timeout):
            return True
    except OSError:
        return False


def cassandra_node(address: str, port: int = 9042) -> dict:
    """{'version': release_version, 'peers': [peer addresses]} from the node itself (system.local/peers)."""
    from cassandra.cluster import EXEC_PROFILE_DEFAULT, Cluster, ExecutionProfile
    from cassandra.policies import WhiteListRoundRobinPolicy

    logging.getLogger("cassandra").setLevel(logging.CRITICAL)
    only_this_node = ExecutionProfile(
        load_balancing_policy=WhiteListRoundRobinPolicy([address]), request_timeout=TIMEOUT_S
    )
    cluster = Cluster(
        [address],
        port=port,
        execution_profiles={EXEC_PROFILE_DEFAULT: only_this_node},
        connect_timeout=TIMEOUT_S,
        control_connection_timeout=TIMEOUT_S,
        protocol_version=5,
    )
    try:
        session = cluster.connect()
        version = session.execute("SELECT release_version FROM system.local").one().release_version
        peers = [str(r.peer) for r in session.execute("SELECT peer FROM system.peers_v2")]
        return {"version": version, "peers": peers}
    finally:
        cluster.shutdown()


def kafka_broker(address: str, port: int, node_id: int) -> dict:
    """{'broker_ids': [...], 'fenced': [...]}: the cluster as broker ``node_id`` itself describes it.

    The request goes to that broker (DescribeCluster), not to whichever the client picks: right
    after another broker crashed, a client could otherwise ask the dead one and time out.
    """
    from kafka import KafkaAdminClient
    from kafka.protocol.admin import DescribeClusterRequest

    logging.getLogger("kafka").setLevel(logging.CRITICAL)
    admin = KafkaAdminClient(
        bootstrap_servers=f"{address}:{port}", request_timeout_ms=int(TIMEOUT_S * 1000), client_id="sandbox-probe"
    )
    request = DescribeClusterRequest(include_cluster_authorized_operations=False, include_fenced_brokers=True)

    async def ask():
        return (await admin._manager.send(request, node_id=node_id)).to_dict()  # pinned kafka-python 3.0

    try:
        brokers = admin._manager.run(ask)["brokers"]
    finally:
        admin.close()
    return {
        "broker_ids": sorted(b["broker_id"] for b in brokers),
        "fenced": sorted(b["broker_id"] for b in brokers if b.get("is_fenced")),
    }


def kafka_version_from_log(log_text: str) -> str | None:
    """The broker logs 'Kafka version: X' when it starts; the last such line is the running one."""
    versions = re.findall(r"Kafka version: (\S+)", log_text)
    return versions[-1] if versions else None


def http_get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=TIMEOUT_S) as response:
        return response.read().decode()


def spark_ui_version(address: str, ui_port: int) -> str | None:
    """The version a Spark master or worker shows on its web UI."""
    match = re.search(r'class="version"[^>]*>\s*([\w.\-]+)', http_get(f"http://{address}:{ui_port}/"))
    return match.group(1) if match else None


def spark_master(address: str, ui_port: int) -> dict:
    """The master's JSON status: {'status': 'ALIVE', 'workers': [{'host':..., 'state':...}], ...}."""
    return json.loads(http_get(f"http://{address}:{ui_port}/json/"))


def health(service: Service, profile: list[Service]) -> str | None:
    """The version `service` reports if it is healthy, else None (or an exception: not answering).

    Cassandra: the node answers CQL and lists every other node of the profile among its peers.
    Kafka: the broker answers and sees itself in the cluster. Spark: the master is ALIVE; a worker
    is registered with the master as ALIVE.
    """
    if not port_open(service.address, service.port):
        return None
    if service.kind == "cassandra":
        node = cassandra_node(service.address, service.port)
        others = {s.address for s in of_kind("cassandra", profile) if s != service}
        return node["version"] if others <= set(node["peers"]) else None
    if service.kind == "kafka":
        cluster = kafka_broker(service.address, service.port, service.machine)
        if service.machine not in cluster["broker_ids"] or service.machine in cluster["fenced"]:
            return None
        return kafka_version_from_log(tail(log_file(service.name), 100000)) or "unknown"
    ui = SPARK_MASTER.extra_ports[0]
    master = spark_master(SPARK_MASTER.address, ui)
    if service.kind == "spark-master":
        return spark_ui_version(service.address, ui) if master["status"] == "ALIVE" else None
    registered = any(w["host"] == service.address and w["state"] == "ALIVE" for w in master["workers"])
    return spark_ui_version(service.address, service.port) if registered else None


def safe_health(service: Service, profile: list[Service]) -> str | None:
    """health(), with any failure to answer meaning 'not healthy (yet)'."""
    try:
        return health(service, profile)
    except Exception:  # noqa: BLE001 - any failure to answer means not healthy
        return None
