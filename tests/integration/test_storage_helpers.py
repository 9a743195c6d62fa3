"""The helpers of the storage-engine and replication lessons against the real cluster: compactions
settle, the outage timeline records writes and hints, node names in traces."""

from __future__ import annotations

import time

import pytest
from cassandra import ConsistencyLevel
from cassandra.query import SimpleStatement

from helpers.cassandra_io import nodetool
from helpers.cassandra_io.compaction import compaction_state, wait_for_compactions
from helpers.cassandra_io.ring import named
from helpers.cassandra_io.timeline import OutageTimeline
from helpers.cassandra_io.tracing import trace_of, trace_table

pytestmark = pytest.mark.sandbox


def test_twcs_compacts_two_flushes_of_one_window_into_one_sstable(keyspace):
    session, ks = keyspace
    session.execute(
        f"CREATE TABLE {ks}.t (k int, c int, v int, PRIMARY KEY (k, c)) WITH compaction = "
        "{'class': 'TimeWindowCompactionStrategy', 'compaction_window_unit': 'DAYS', "
        "'compaction_window_size': 1, 'min_threshold': 2}"
    )
    session.cluster.control_connection.wait_for_schema_agreement()
    insert = session.prepare(f"INSERT INTO {ks}.t (k, c, v) VALUES (?, ?, ?)")
    for flush in range(2):
        for c in range(10):
            session.execute(insert, (flush, c, c))
        nodetool.flush("cassandra1", ks, "t")
    assert wait_for_compactions("cassandra1", ks, "t") == 1  # both written now: one window
    assert compaction_state("cassandra1", ks, "t") == (0, 0, 1)


def test_the_timeline_counts_acknowledged_writes_and_no_hints_while_every_node_is_up(keyspace):
    session, ks = keyspace
    session.execute(f"CREATE TABLE {ks}.ticks (writer text, seq int, PRIMARY KEY (writer, seq))")
    session.cluster.control_connection.wait_for_schema_agreement()
    tick = session.prepare(f"INSERT INTO {ks}.ticks (writer, seq) VALUES (?, ?)")
    tick.consistency_level = ConsistencyLevel.QUORUM
    timeline = OutageTimeline(session, tick, row=lambda i: (f"w{i % 3}", i), nodes=["cassandra1", "cassandra2"])
    timeline.start()
    time.sleep(2)
    timeline.mark("two seconds")
    samples, marks = timeline.stop()
    assert timeline.acknowledged > 0 and timeline.failed == 0
    assert marks[0][1] == "two seconds" and len(samples) >= 2
    assert samples["hints written"].max() == 0 and samples["KiB waiting"].max() == 0
    count = SimpleStatement(f"SELECT count(*) FROM {ks}.ticks", consistency_level=ConsistencyLevel.ALL)
    assert session.execute(count).one()[0] == timeline.acknowledged


def test_trace_events_name_the_nodes(keyspace):
    session, ks = keyspace
    session.execute(f"CREATE TABLE {ks}.r (k text PRIMARY KEY, v int) WITH speculative_retry = 'NONE'")
    session.cluster.control_connection.wait_for_schema_agreement()
    result = session.execute(
        SimpleStatement(f"SELECT * FROM {ks}.r WHERE k = 'x'", consistency_level=ConsistencyLevel.ALL), trace=True
    )
    events = " ".join(named(a) for a in trace_table(trace_of(result))["activity"])
    assert "cassandra" in events and "127.0." not in events
