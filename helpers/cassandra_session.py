"""A Cassandra session for the sandbox: both contact points, token-aware routing, timeouts that fail fast."""

from __future__ import annotations

from cassandra import ConsistencyLevel
from cassandra.cluster import EXEC_PROFILE_DEFAULT, Cluster, ExecutionProfile, Session
from cassandra.policies import DCAwareRoundRobinPolicy, TokenAwarePolicy

from helpers.endpoints import cassandra_contact_points, require


def connect(
    keyspace: str | None = None,
    consistency: int = ConsistencyLevel.LOCAL_QUORUM,
    request_timeout: float = 15.0,
    contact_points: list[str] | None = None,
) -> Session:
    """A session on the sandbox cluster. Close it with `session.cluster.shutdown()`.

    Token-aware routing sends each statement to a replica of its partition; the default
    consistency is LOCAL_QUORUM (both replicas at RF=2, one on the minimal profile's RF=1).
    """
    require("cassandra", any_of=True)  # one live node is enough for the driver; consistency decides the rest
    profile = ExecutionProfile(
        load_balancing_policy=TokenAwarePolicy(DCAwareRoundRobinPolicy()),
        consistency_level=consistency,
        request_timeout=request_timeout,
    )
    cluster = Cluster(
        contact_points or cassandra_contact_points(),
        port=9042,
        protocol_version=5,
        execution_profiles={EXEC_PROFILE_DEFAULT: profile},
        connect_timeout=5,
        control_connection_timeout=5,
    )
    return cluster.connect(keyspace)
