"""Cassandra sessions on the sandbox cluster.

``connect``: for everyday work (loading, ingest, lessons): every contact point, token-aware
routing, LOCAL_QUORUM by default, timeouts that fail fast.

``plain_session``: for the replication lesson, where we want to *see* what a consistency level
does when a node is down: no retry policy that re-sends a refused request, no speculative
execution, short timeouts, and a driver that reconnects to a node one second after it is back.
"""

from __future__ import annotations

from cassandra import ConsistencyLevel
from cassandra.cluster import EXEC_PROFILE_DEFAULT, Cluster, ExecutionProfile, Session
from cassandra.policies import (
    ConstantReconnectionPolicy,
    DCAwareRoundRobinPolicy,
    FallthroughRetryPolicy,
    TokenAwarePolicy,
    WhiteListRoundRobinPolicy,
)

from helpers.endpoints import cassandra_contact_points, cassandra_port, require


def connect(
    keyspace: str | None = None,
    consistency: int = ConsistencyLevel.LOCAL_QUORUM,
    request_timeout: float = 15.0,
    contact_points: list[str] | None = None,
) -> Session:
    """A session on the sandbox cluster. Close it with `session.cluster.shutdown()`.

    Token-aware routing sends each prepared statement (whose partition key the driver knows) to a replica
    of its partition, plain query strings to the nodes in turn; the default
    consistency is LOCAL_QUORUM (two of three replicas at RF 3, the one replica on the minimal profile's RF 1).
    """
    require("cassandra", any_of=True)  # one live node is enough for the driver; consistency decides the rest
    profile = ExecutionProfile(
        load_balancing_policy=TokenAwarePolicy(DCAwareRoundRobinPolicy()),
        consistency_level=consistency,
        request_timeout=request_timeout,
    )
    cluster = Cluster(
        contact_points or cassandra_contact_points(),
        port=cassandra_port(),
        protocol_version=5,
        execution_profiles={EXEC_PROFILE_DEFAULT: profile},
        connect_timeout=5,
        control_connection_timeout=5,
    )
    return cluster.connect(keyspace)


def plain_session(
    keyspace: str | None = None,
    consistency: int = ConsistencyLevel.ONE,
    request_timeout: float = 5.0,
    only_node: str | None = None,
) -> Session:
    """A session whose requests fail with the server's own error (Unavailable, timeouts), never retried.

    Token-aware over every node of the cluster (three on the full profile), or pinned to one node with
    `only_node='127.0.0.2'` (that node then coordinates every request). Close it with `session.cluster.shutdown()`.
    """
    require("cassandra")
    nodes = [only_node] if only_node else cassandra_contact_points()
    routing = WhiteListRoundRobinPolicy(nodes) if only_node else TokenAwarePolicy(DCAwareRoundRobinPolicy())
    profile = ExecutionProfile(
        load_balancing_policy=routing,
        retry_policy=FallthroughRetryPolicy(),
        consistency_level=consistency,
        request_timeout=request_timeout,
    )
    cluster = Cluster(
        nodes,
        port=9042,
        protocol_version=5,
        execution_profiles={EXEC_PROFILE_DEFAULT: profile},
        reconnection_policy=ConstantReconnectionPolicy(1.0, max_attempts=None),
        connect_timeout=5,
        control_connection_timeout=5,
    )
    return cluster.connect(keyspace)


def host(session: Session, address: str):
    """The driver's Host for an address, to send a request to that node: `session.execute(q, host=host(s, ip))`."""
    for candidate in session.cluster.metadata.all_hosts():
        if candidate.address == address:
            return candidate
    raise KeyError(f"No Cassandra node at {address} in this cluster's metadata.")
