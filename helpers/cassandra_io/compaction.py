"""Wait for a table's background compactions on a node to settle (what `nodetool compactionstats` shows).

After a flush the node submits background compactions at once; the lessons wait until none is pending
or running for the table and its SSTable count holds still, so that what they show next is the
strategy's settled result, not a moment in the middle of it. Read over JMX: the table metrics
PendingCompactions and LiveSSTableCount, and the CompactionManager's running compactions.
"""

from __future__ import annotations

from helpers.cassandra_io import jmx
from helpers.common.waiting import wait_until

COMPACTION_MANAGER = "org.apache.cassandra.db:type=CompactionManager"


def _table_metric(keyspace: str, table: str, name: str) -> str:
    return f"org.apache.cassandra.metrics:type=Table,keyspace={keyspace},scope={table},name={name}"


def compaction_state(node: str, keyspace: str, table: str) -> tuple[int, int, int]:
    """(compactions pending, compactions running, live SSTables) of the table on `node`."""
    pending, sstables, running = jmx.read_many(
        node,
        [
            (_table_metric(keyspace, table, "PendingCompactions"), "Value"),
            (_table_metric(keyspace, table, "LiveSSTableCount"), "Value"),
            (COMPACTION_MANAGER, "Compactions"),
        ],
    )
    mine = [c for c in running or [] if c.get("keyspace") == keyspace and c.get("columnfamily") == table]
    return int(pending), len(mine), int(sstables)


def wait_for_compactions(node: str, keyspace: str, table: str, timeout_s: float = 180, interval_s: float = 1.0) -> int:
    """Wait until `node` has no compaction pending or running for the table and the SSTable count is the same
    on two polls in a row; returns that count."""
    seen: list[tuple[int, int, int]] = []

    def settled() -> int | None:
        seen.append(compaction_state(node, keyspace, table))
        if len(seen) >= 2 and seen[-1] == seen[-2] and seen[-1][:2] == (0, 0):
            return seen[-1][2] or -1  # -1: settled with no SSTable (truthy for wait_until)
        return None

    count = wait_until(settled, timeout_s, f"the compactions of {keyspace}.{table} on {node}", interval_s=interval_s)
    return max(count, 0)
