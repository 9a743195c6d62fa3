"""nodetool's MBeans over HTTP (Jolokia) against the real cluster: status, histograms, repair, hints, SSTables."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from cassandra import ConsistencyLevel

from helpers.cassandra_io import nodetool
from helpers.cassandra_io.hints import hint_files, wait_for_hint_files
from helpers.cassandra_io.histograms import bucket_offsets
from helpers.cassandra_io.jmx import JmxError
from helpers.cassandra_io.outage import node_down
from helpers.cassandra_io.sessions import plain_session
from helpers.cassandra_io.sstables import sstable_timestamps
from helpers.common.errors import ServiceUnavailable
from helpers.common.waiting import wait_until
from helpers.sandbox import topology
from helpers.sandbox.control import profile_services

pytestmark = pytest.mark.sandbox


@pytest.fixture
def nodes(sandbox) -> list[topology.Service]:
    """The Cassandra nodes of the running profile."""
    return topology.of_kind("cassandra", profile_services())


@pytest.fixture
def two_or_more(nodes) -> list[topology.Service]:
    if len(nodes) < 2:
        pytest.skip("needs a second Cassandra node (profile full)")
    return nodes


@pytest.fixture
def keyspace(nodes, unique_name):
    """A keyspace replicated on every node (at most 3), coordinated by the first node; dropped afterwards."""
    session = plain_session(only_node=nodes[0].address, request_timeout=30)
    replicas = min(3, len(nodes))
    session.execute(
        f"CREATE KEYSPACE {unique_name} WITH replication = "
        f"{{'class': 'SimpleStrategy', 'replication_factor': {replicas}}}"
    )
    session.cluster.control_connection.wait_for_schema_agreement()
    yield session, unique_name
    session.execute(f"DROP KEYSPACE IF EXISTS {unique_name}")
    session.cluster.shutdown()


def write_readings(session, table: str, meters: int, rows_each: int) -> None:
    session.execute(f"CREATE TABLE {table} (meter_id text, ts int, value double, PRIMARY KEY (meter_id, ts))")
    session.cluster.control_connection.wait_for_schema_agreement()
    insert = session.prepare(f"INSERT INTO {table} (meter_id, ts, value) VALUES (?, ?, ?)")
    insert.consistency_level = ConsistencyLevel.ALL
    for m in range(meters):
        for t in range(rows_each):
            session.execute(insert, (f"meter-{m}", t, float(t)))


def test_status_from_every_node_shows_every_node_up_with_its_token(nodes):
    for node in nodes:
        table = nodetool.status(node.name)
        assert table["address"].tolist() == sorted(n.address for n in nodes)
        assert set(table["state"]) == {"up"} and set(table["tokens"]) == {1}
        assert table["host_id"].nunique() == len(nodes)


def test_table_histograms_and_stats_after_a_flush(keyspace, nodes):
    session, ks = keyspace
    write_readings(session, f"{ks}.readings", meters=4, rows_each=200)
    assert nodetool.flush_everywhere(ks, "readings") == [n.name for n in nodes]
    stats = nodetool.table_stats(nodes[0].name, ks).loc["readings"]
    assert stats["Number of partitions (estimate)"] == 4 and stats["SSTable count"] == 1
    histograms = nodetool.table_histograms(nodes[0].name, ks, "readings")
    assert list(histograms.index) == ["50%", "75%", "95%", "98%", "99%", "Min", "Max"]
    # 200 rows of one cell each: nodetool shows the bounds of the histogram bucket that holds 200
    upper = next(offset for offset in bucket_offsets(150) if offset >= 200)
    assert histograms.loc["Max", "cells"] == upper and histograms.loc["Min", "cells"] <= 200
    assert 0 < histograms.loc["Min", "partition bytes"] <= histograms.loc["Max", "partition bytes"]
    assert stats["Compacted partition maximum bytes"] == histograms.loc["Max", "partition bytes"]


def test_full_repair_completes_and_reports_its_sessions(keyspace, two_or_more):
    session, ks = keyspace
    write_readings(session, f"{ks}.readings", meters=2, rows_each=10)
    lines = nodetool.repair(two_or_more[0].name, ks)
    assert lines[0].startswith("Starting repair command #")
    assert any(line.startswith("Repair session ") and " finished" in line for line in lines)
    assert lines[-1] == "Repair completed successfully"


def test_handoff_disabled_writes_no_hints_and_paused_delivery_keeps_them(keyspace, two_or_more):
    """Node 1 coordinates writes at ONE while the last node is down: no hints while handoff is disabled; hints,
    then kept while delivery is paused (the node is back), then delivered once it resumes."""
    session, ks = keyspace
    coordinator, replica = two_or_more[0].name, two_or_more[-1].name
    write_readings(session, f"{ks}.readings", meters=1, rows_each=1)
    insert = session.prepare(f"INSERT INTO {ks}.readings (meter_id, ts, value) VALUES (?, ?, ?)")
    insert.consistency_level = ConsistencyLevel.ONE
    try:
        with node_down(replica):
            nodetool.set_hinted_handoff(coordinator, False)
            assert not nodetool.hinted_handoff_enabled(coordinator)
            for t in range(20):
                session.execute(insert, ("meter-off", t, 1.0))
            time.sleep(3)  # hints reach their files within hints_flush_period (1 s)
            assert hint_files(coordinator).empty
            nodetool.set_hinted_handoff(coordinator, True)
            for t in range(20):
                session.execute(insert, ("meter-on", t, 1.0))
            wait_for_hint_files(coordinator, present=True, timeout_s=60)
            nodetool.pause_hint_delivery(coordinator)
        everyone_up = lambda: set(nodetool.status(coordinator)["state"]) == {"up"}  # noqa: E731 - gossip's view
        wait_until(everyone_up, 150, f"{coordinator} to see {replica} up")
        time.sleep(15)  # the dispatcher looks for hints to send every 10 s
        assert not hint_files(coordinator).empty
    finally:
        nodetool.set_hinted_handoff(coordinator, True)
        nodetool.resume_hint_delivery(coordinator)
    wait_for_hint_files(coordinator, present=False, timeout_s=120)


def test_sstable_timestamps_show_one_write_time_window_per_sstable(keyspace, nodes):
    session, ks = keyspace
    session.execute(
        f"CREATE TABLE {ks}.twcs (meter_id text, ts timestamp, value double, PRIMARY KEY (meter_id, ts)) WITH "
        "compaction = {'class': 'TimeWindowCompactionStrategy', 'compaction_window_unit': 'DAYS', "
        "'compaction_window_size': 1}"
    )
    session.cluster.control_connection.wait_for_schema_agreement()
    insert = session.prepare(f"INSERT INTO {ks}.twcs (meter_id, ts, value) VALUES (?, ?, ?) USING TIMESTAMP ?")
    days = [dt.datetime(2016, 3, d, tzinfo=dt.UTC) for d in (1, 2, 3)]
    for day in days:
        for hour in range(24):
            ts = day + dt.timedelta(hours=hour)
            session.execute(insert, ("meter-1", ts, 1.0, int(ts.timestamp() * 1_000_000)))
        nodetool.flush(nodes[0].name, ks, "twcs")  # one SSTable per day
    table = sstable_timestamps(nodes[0].name, ks, "twcs").sort_values("min_timestamp")
    assert table["min_timestamp"].tolist() == days
    assert table["max_timestamp"].tolist() == [d + dt.timedelta(hours=23) for d in days]
    assert (table["bytes"] > 0).all()


def test_errors_name_the_node_and_the_mbean(nodes):
    with pytest.raises(JmxError, match=rf"scope=no_such_table.* on {nodes[0].name} failed"):
        nodetool.table_stats(nodes[0].name, "system", "no_such_table")
    with pytest.raises(ServiceUnavailable, match="does not answer"):
        nodetool.status("127.0.0.254")  # a loopback address where no node runs
