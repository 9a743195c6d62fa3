"""A replica goes down during writes at ONE; hinted handoff brings it every row once it is back."""

from __future__ import annotations

import pytest
from cassandra import ConsistencyLevel, Unavailable
from cassandra.concurrent import execute_concurrent_with_args
from cassandra.query import SimpleStatement

from helpers.cassandra_io.hints import hint_files, local_writes, wait_for_hint_files
from helpers.cassandra_io.outage import node_down, wait_until_replicas_up
from helpers.cassandra_io.sessions import plain_session

pytestmark = pytest.mark.sandbox

ROWS = 300
NODE1, NODE2 = "127.0.0.1", "127.0.0.2"


def test_writes_at_one_during_an_outage_all_reach_the_returning_replica(sandbox, unique_name):
    session = plain_session(request_timeout=10)
    keyspace = unique_name
    try:
        session.execute(
            f"CREATE KEYSPACE {keyspace} WITH replication = {{'class': 'SimpleStrategy', 'replication_factor': 2}}"
        )
        session.execute(
            f"CREATE TABLE {keyspace}.readings (meter_id text, ts int, value double, PRIMARY KEY (meter_id, ts))"
        )
        session.cluster.control_connection.wait_for_schema_agreement()
        insert = session.prepare(f"INSERT INTO {keyspace}.readings (meter_id, ts, value) VALUES (?, ?, ?)")
        insert.consistency_level = ConsistencyLevel.ONE
        rows = [(f"meter-{i % 20:02d}", i, float(i)) for i in range(ROWS)]

        with node_down("cassandra2"):
            results = execute_concurrent_with_args(session, insert, rows, concurrency=16, raise_on_first_error=False)
            assert [ok for ok, _ in results].count(True) == ROWS
            quorum = SimpleStatement(
                f"SELECT count(*) FROM {keyspace}.readings WHERE meter_id = 'meter-00'",
                consistency_level=ConsistencyLevel.QUORUM,
            )
            with pytest.raises(Unavailable):
                session.execute(quorum)
            wait_for_hint_files("cassandra1", present=True, timeout_s=30)
            node2_id = next(h.host_id for h in session.cluster.metadata.all_hosts() if h.address == NODE2)
            assert set(hint_files("cassandra1")["for host id"]) == {str(node2_id)}

        empty_partition_at_all = SimpleStatement(
            f"SELECT * FROM {keyspace}.readings WHERE meter_id = 'none'", consistency_level=ConsistencyLevel.ALL
        )
        wait_until_replicas_up(session, empty_partition_at_all)
        wait_for_hint_files("cassandra1", present=False, timeout_s=120)
        # Node 2 applied every missed write itself (before any read at ALL could repair it).
        assert local_writes(session, NODE2, keyspace, "readings") == ROWS
        count_all = SimpleStatement(f"SELECT count(*) FROM {keyspace}.readings", consistency_level=ConsistencyLevel.ALL)
        assert session.execute(count_all).one()[0] == ROWS
    finally:
        session.execute(f"DROP KEYSPACE IF EXISTS {keyspace}")
        session.cluster.shutdown()
