"""Storage-Attached Indexes: wait until an index is built and queryable on every node."""

from __future__ import annotations

import time

from cassandra.cluster import Session

QUERYABLE_CQL = (
    "SELECT is_queryable FROM system_views.sai_column_indexes "
    "WHERE keyspace_name = %s AND index_name = %s ALLOW FILTERING"
)


def wait_until_queryable(session: Session, keyspace: str, index: str, timeout_s: float = 60) -> float:
    """Poll each node's `system_views.sai_column_indexes` until it reports the index queryable. Returns seconds."""
    started = time.monotonic()
    for node in session.cluster.metadata.all_hosts():
        while not any(r.is_queryable for r in session.execute(QUERYABLE_CQL, (keyspace, index), host=node)):
            if time.monotonic() - started > timeout_s:
                raise TimeoutError(
                    f"Index {keyspace}.{index} is not queryable on {node.address} "
                    f"after {timeout_s:.0f} s; its log says why."
                )
            time.sleep(0.2)
    return time.monotonic() - started
