"""The course's Cassandra schema: the seed's generation table, updated for Cassandra 5.

The 2017 deck used DateTieredCompactionStrategy, which Cassandra 5.0 removed. Its heir for data with a
TTL is TimeWindowCompactionStrategy (one SSTable bucket per time window, whole SSTables dropped when they
expire); the generation table keeps its rows for good and is bulk-loaded, so it uses
UnifiedCompactionStrategy (see `create_generation_table`).
"""

from __future__ import annotations

from cassandra.cluster import Session

DEFAULT_KEYSPACE = "energydata"
GENERATION_TABLE = "generation"


def create_keyspace(session: Session, keyspace: str, replication_factor: int | None = None) -> str:
    """CREATE KEYSPACE IF NOT EXISTS with SimpleStrategy; RF defaults to the number of nodes (at most 3)."""
    rf = replication_factor or min(3, len(session.cluster.metadata.all_hosts()))
    cql = (
        f"CREATE KEYSPACE IF NOT EXISTS {keyspace} WITH replication = "
        f"{{'class': 'SimpleStrategy', 'replication_factor': {rf}}}"
    )
    session.execute(cql)
    return cql


def generation_table_cql(keyspace: str, table: str = GENERATION_TABLE) -> str:
    """The course's table: one partition per (region, type), rows clustered newest first.

    Compaction by lesson 05's own rule: the data is kept for good (no TTL), loaded in bulk out of time order
    and read across the whole year, so UCS, not the seed deck's time-window strategy: TWCS without a TTL
    never drops a window, and a bulk load without USING TIMESTAMP lands in one window anyway. One partition
    per series stays under 100,000 values for a year of quarter hours (35,136); an endless stream would
    need a time bucket in the key (lesson 04)."""
    return f"""CREATE TABLE IF NOT EXISTS {keyspace}.{table} (
    ts timestamp,
    type text,
    region text,
    value double,
    PRIMARY KEY ((region, type), ts)
) WITH CLUSTERING ORDER BY (ts DESC)
  AND compaction = {{'class': 'UnifiedCompactionStrategy'}}"""


def create_generation_table(
    session: Session,
    keyspace: str = DEFAULT_KEYSPACE,
    table: str = GENERATION_TABLE,
    replication_factor: int | None = None,
) -> None:
    """Create the keyspace (if needed) and the generation table, and wait for schema agreement."""
    create_keyspace(session, keyspace, replication_factor)
    session.execute(generation_table_cql(keyspace, table))
    session.cluster.control_connection.wait_for_schema_agreement()
