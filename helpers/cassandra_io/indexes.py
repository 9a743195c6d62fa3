"""Storage-Attached Indexes: wait until an index is built and queryable on every node."""

from __future__ import annotations

from cassandra.cluster import Session

from helpers.common.waiting import seconds_until

QUERYABLE_CQL = (
    "SELECT is_queryable FROM system_views.sai_column_indexes "
    "WHERE keyspace_name = %s AND index_name = %s ALLOW FILTERING"
)


def wait_until_queryable(session: Session, keyspace: str, index: str, timeout_s: float = 60) -> float:
    """Poll each node's `system_views.sai_column_indexes` until it reports the index queryable. Returns seconds."""

    def queryable_everywhere() -> bool:
        return all(
            any(r.is_queryable for r in session.execute(QUERYABLE_CQL, (keyspace, index), host=node))
            for node in session.cluster.metadata.all_hosts()
        )

    return seconds_until(
        queryable_everywhere,
        timeout_s,
        f"index {keyspace}.{index} to be queryable",
        interval_s=0.2,
        hint="The nodes' logs say why.",
    )
