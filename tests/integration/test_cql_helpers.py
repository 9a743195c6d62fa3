"""The Cassandra helpers against the real cluster: key placement, traces, nodetool figures, batched writes."""

from __future__ import annotations

import pytest
from cassandra import ConsistencyLevel
from cassandra.query import SimpleStatement

from helpers.cassandra_io import nodetool
from helpers.cassandra_io.ring import placement, ring
from helpers.cassandra_io.tracing import path_summary, rows_read, trace_of
from helpers.cassandra_io.writes import write_rows
from helpers.sandbox import config
from helpers.sandbox.topology import MACHINES, machine_address

pytestmark = pytest.mark.sandbox


@pytest.fixture
def keyspace(keyspace):
    """The shared RF 3 keyspace with a table ``readings`` (meter_id, ts): speculative retry off, so that
    a read goes to the replicas its consistency level names and no more."""
    session, name = keyspace
    session.execute(
        f"CREATE TABLE {name}.readings (meter_id text, ts int, value double, "
        "PRIMARY KEY (meter_id, ts)) WITH speculative_retry = 'NONE'"
    )
    session.cluster.control_connection.wait_for_schema_agreement()
    return keyspace


def test_ring_has_one_token_per_node_in_machine_order(keyspace):
    session, _ = keyspace
    table = ring(session)
    assert table["node"].tolist() == [machine_address(m) for m in MACHINES]
    assert table["token"].tolist() == [int(config.CASSANDRA_TOKENS[m]) for m in MACHINES]


def test_placement_agrees_with_cassandra_token_and_getendpoints(keyspace):
    session, ks = keyspace
    write_rows(
        session,
        session.prepare(f"INSERT INTO {ks}.readings (meter_id, ts, value) VALUES (?, ?, ?)"),
        [(f"meter-{m}", t, 1.0) for m in range(4) for t in range(3)],
        partition_of=lambda row: row[0],
    )
    for meter in ("meter-0", "meter-3"):
        where = SimpleStatement(
            f"SELECT token(meter_id) FROM {ks}.readings WHERE meter_id = %s LIMIT 1",
            consistency_level=ConsistencyLevel.ALL,
        )
        p = placement(session, ks, "readings", meter)
        assert session.execute(where, (meter,)).one()[0] == p.token
        assert nodetool.endpoints("cassandra1", ks, "readings", meter) == p.replicas
    count = SimpleStatement(f"SELECT count(*) FROM {ks}.readings", consistency_level=ConsistencyLevel.ALL)
    assert session.execute(count).one()[0] == 12


def test_traces_show_the_write_path_on_every_replica_and_rows_read(keyspace):
    session, ks = keyspace
    result = session.execute(
        SimpleStatement(
            f"INSERT INTO {ks}.readings (meter_id, ts, value) VALUES ('m', 1, 2.0)",
            consistency_level=ConsistencyLevel.ALL,
        ),
        trace=True,
    )
    steps = path_summary(trace_of(result)).set_index("step")["events"]
    assert steps["commit log"] == 3 and steps["memtable"] == 3
    result = session.execute(
        SimpleStatement(f"SELECT * FROM {ks}.readings WHERE meter_id = 'm'", consistency_level=ConsistencyLevel.ONE),
        trace=True,
    )
    assert rows_read(trace_of(result)) == 1


def test_tablestats_after_flush_counts_partitions(keyspace):
    session, ks = keyspace
    write_rows(
        session,
        session.prepare(f"INSERT INTO {ks}.readings (meter_id, ts, value) VALUES (?, ?, ?)"),
        [(f"meter-{m}", t, 1.0) for m in range(5) for t in range(100)],
        partition_of=lambda row: row[0],
    )
    nodetool.flush("cassandra1", ks, "readings")
    stats = nodetool.table_stats("cassandra1", ks, "readings").loc["readings"]
    assert stats["Number of partitions (estimate)"] == 5
    assert stats["Compacted partition maximum bytes"] > 0
