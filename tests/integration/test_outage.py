"""One of three nodes is down: QUORUM keeps reading and writing, ALL refuses; after restart and
repair every row is on every replica."""

from __future__ import annotations

import pytest
from cassandra import ConsistencyLevel, Unavailable
from cassandra.concurrent import execute_concurrent_with_args
from cassandra.query import SimpleStatement

from helpers.cassandra_io import nodetool
from helpers.cassandra_io.outage import node_down, wait_until_replicas_up
from helpers.cassandra_io.sessions import plain_session

pytestmark = pytest.mark.sandbox

ROWS = 5_000


def count(session, keyspace: str, consistency: int) -> int:
    statement = SimpleStatement(f"SELECT count(*) FROM {keyspace}.readings", consistency_level=consistency)
    return session.execute(statement, timeout=60).one()[0]


def test_quorum_writes_and_reads_survive_a_lost_node_and_repair_completes_the_replicas(sandbox, unique_name):
    session = plain_session(request_timeout=20)
    keyspace = unique_name
    try:
        session.execute(
            f"CREATE KEYSPACE {keyspace} WITH replication = {{'class': 'SimpleStrategy', 'replication_factor': 3}}"
        )
        session.execute(
            f"CREATE TABLE {keyspace}.readings (meter_id text, ts int, value double, PRIMARY KEY (meter_id, ts))"
        )
        session.cluster.control_connection.wait_for_schema_agreement()
        insert = session.prepare(f"INSERT INTO {keyspace}.readings (meter_id, ts, value) VALUES (?, ?, ?)")
        insert.consistency_level = ConsistencyLevel.QUORUM
        rows = [(f"meter-{i % 50:02d}", i, float(i)) for i in range(ROWS)]

        with node_down("cassandra3"):
            results = execute_concurrent_with_args(session, insert, rows, concurrency=32, raise_on_first_error=False)
            failures = [error for ok, error in results if not ok]
            assert failures == [], failures[:3]
            assert count(session, keyspace, ConsistencyLevel.QUORUM) == ROWS
            with pytest.raises(Unavailable):
                count(session, keyspace, ConsistencyLevel.ALL)

        empty_partition_at_all = SimpleStatement(
            f"SELECT * FROM {keyspace}.readings WHERE meter_id = 'none'", consistency_level=ConsistencyLevel.ALL
        )
        wait_until_replicas_up(session, empty_partition_at_all)
        nodetool.repair("cassandra1", keyspace)
        assert count(session, keyspace, ConsistencyLevel.ALL) == ROWS
    finally:
        session.execute(f"DROP KEYSPACE IF EXISTS {keyspace}")
        session.cluster.shutdown()
