"""Lesson 11's incidents on the real sandbox: each one, injected, is refused by its repair check; a plausible
wrong fix is refused too; the reference fix passes; and reset puts the cluster back."""

from __future__ import annotations

import pytest
from cassandra import ConsistencyLevel
from kafka import TopicPartition
from kafka.admin import ConfigResource, ConfigResourceType
from kafka.structs import OffsetAndMetadata

from helpers import oncall, sandbox
from helpers.cassandra_io import nodetool
from helpers.cassandra_io.outage import start_and_wait
from helpers.cassandra_io.sessions import connect
from helpers.ingest.deadletter import dead_letter_headers, dead_letter_topic
from helpers.kafka_io import admin, committed, consumer, log_offsets, producer
from helpers.kafka_io.brokers import start_brokers, wait_for_isr
from helpers.oncall import lost_correction, missing_rows, producer_timeouts, slow_rollup, stuck_consumer

pytestmark = [pytest.mark.sandbox, pytest.mark.slow]


@pytest.fixture
def incident(request, sandbox):
    """Reset the incident named by the test's parameter after the test, whatever happened in it."""
    key = request.param
    yield key
    oncall.reset(key)


def states() -> dict[str, str]:
    return {s.name: s.state for s in sandbox.status()}


def set_min_insync(value: int) -> None:
    client = admin()
    try:
        resource = ConfigResource(
            ConfigResourceType.TOPIC, producer_timeouts.TOPIC, {"min.insync.replicas": str(value)}
        )
        client.alter_configs([resource])
    finally:
        client.close()


@pytest.mark.parametrize("incident", ["producer-timeouts"], indirect=True)
def test_producer_timeouts(incident):
    page = oncall.page(incident)
    assert "0 of 3 sends acknowledged" in page and "Causes to choose from" in page
    assert oncall.problems(incident, producer_timeouts.in_sync_replicas())
    set_min_insync(1)  # wrong: the sends go through, and the guarantee is gone
    assert any("min.insync.replicas" in p for p in oncall.problems(incident, producer_timeouts.in_sync_replicas()))
    set_min_insync(3)
    start_brokers("kafka3")
    client = admin()
    try:
        wait_for_isr(client, [producer_timeouts.TOPIC], 3)
    finally:
        client.close()
    assert oncall.problems(incident, producer_timeouts.in_sync_replicas()) == []


@pytest.mark.parametrize("incident", ["missing-rows"], indirect=True)
def test_missing_rows(incident):
    page = oncall.page(incident)
    assert "(reads at ONE) 96 readings, billing (QUORUM) 192" in page
    on_node = lambda: missing_rows.counts(ConsistencyLevel.ONE, only_node=missing_rows.node_address())  # noqa: E731
    assert set(on_node().values()) == {96}
    assert oncall.problems(incident, on_node())
    sandbox.stop("cassandra3")  # wrong: a restart brings nothing back
    start_and_wait("cassandra3")
    assert "still holds 96" in oncall.problems(incident, on_node())[0]
    nodetool.repair("cassandra3", missing_rows.KEYSPACE, missing_rows.TABLE)
    assert oncall.problems(incident, on_node()) == []


def commit(offsets: dict[int, int]) -> None:
    """Commit ``offsets`` for the loader's group, from a consumer outside the group's membership."""
    reader = consumer(group=stuck_consumer.GROUP)
    try:
        tps = {p: TopicPartition(stuck_consumer.TOPIC, p) for p in offsets}
        reader.assign(list(tps.values()))
        reader.commit({tps[p]: OffsetAndMetadata(o, "", -1) for p, o in offsets.items()})
    finally:
        reader.close()


def dead_letter_the_poison() -> None:
    """The reference fix, by hand: the message at the stuck offset to the dead-letter topic, then commit past it."""
    stuck = committed(stuck_consumer.GROUP, stuck_consumer.TOPIC)[stuck_consumer.POISON_PARTITION]
    reader = consumer(group=None)
    tp = TopicPartition(stuck_consumer.TOPIC, stuck_consumer.POISON_PARTITION)
    try:
        reader.assign([tp])
        reader.seek(tp, stuck)
        (record,) = reader.poll(timeout_ms=10_000, max_records=1)[tp]
    finally:
        reader.close()
    sender = producer()
    try:
        topic = dead_letter_topic(stuck_consumer.TOPIC)
        sender.send(topic, key=record.key, value=record.value, headers=dead_letter_headers(record, "not JSON"))
        sender.flush(timeout=60)
    finally:
        sender.close(timeout=5)
    commit({stuck_consumer.POISON_PARTITION: record.offset + 1})


@pytest.mark.parametrize("incident", ["stuck-consumer"], indirect=True)
def test_stuck_consumer(incident):
    page = oncall.page(incident)
    assert "lag 110 messages, 60 an hour ago" in page
    assert oncall.problems(incident, 110)
    before = committed(stuck_consumer.GROUP, stuck_consumer.TOPIC)
    commit(log_offsets(stuck_consumer.TOPIC))  # wrong: skip to the end, no dead letter
    assert "not in nb11_telemetry.dlq" in oncall.problems(incident, 0)[0]
    commit(before)  # undo the skip
    dead_letter_the_poison()
    stuck_consumer.run_loader()  # the loader, restarted, goes on from the committed offsets
    assert oncall.problems(incident, 0) == []


@pytest.mark.parametrize("incident", ["slow-rollup"], indirect=True)
def test_slow_rollup(incident):
    from helpers.spark.session import spark_session

    spark = spark_session("oncall-test")
    try:
        page = oncall.page(incident)
        assert "nightly-rollup-" in page
        assert oncall.problems(incident, None)
        sandbox.start("spark-worker3")  # wrong: the worker alone; the application keeps its executors elsewhere
        assert "no executor on machine 3" in oncall.problems(incident, None)[0]
        spark.stop()
        spark = spark_session("oncall-test")
        assert oncall.problems(incident, slow_rollup.run_rollup(spark)) == []
    finally:
        spark.stop()


@pytest.mark.parametrize("incident", ["lost-correction"], indirect=True)
def test_lost_correction(incident):
    page = oncall.page(incident)
    assert page.count(": applied") == 3
    assert "still holds" in oncall.problems(incident, [])[0]
    lost_correction.send_corrections()  # wrong: the same tool, the same clock
    assert "still holds" in oncall.problems(incident, [])[0]
    session = connect()
    try:
        delete = "DELETE FROM nb11_corrections.generation WHERE region = 'DE' AND type = 'wind' AND ts = %s"
        for ts in lost_correction.CORRECTIONS:  # wrong: delete first, then the tool's writes are older still
            session.execute(delete, (ts,))
        lost_correction.send_corrections()
        assert "is gone" in oncall.problems(incident, [])[0]
        update = "UPDATE nb11_corrections.generation SET value = %s WHERE region = 'DE' AND type = 'wind' AND ts = %s"
        for ts, value in lost_correction.CORRECTIONS.items():  # stamped now: newer than the delete and the ingest
            session.execute(update, (value, ts))
    finally:
        session.cluster.shutdown()
    assert oncall.problems(incident, list(lost_correction.CORRECTIONS.values())) == []


def test_reset_puts_back_what_an_incident_left_broken(sandbox):
    oncall.page("lost-correction")
    oncall.reset("lost-correction")
    session = connect()
    try:
        assert lost_correction.KEYSPACE not in session.cluster.metadata.keyspaces
    finally:
        session.cluster.shutdown()
    assert set(states().values()) == {"up"}
