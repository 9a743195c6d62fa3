"""Replication on the real three brokers: the partition leader SIGKILLed while an idempotent
acks=all producer writes; every acknowledged message is read back exactly once."""

from __future__ import annotations

import threading
import time
from collections import Counter

import pytest
from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer, TopicPartition

from helpers import sandbox
from helpers.endpoints import KAFKA_BOOTSTRAP
from helpers.kafka_io.brokers import wait_for_isr, wait_for_leader

pytestmark = pytest.mark.sandbox


@pytest.fixture
def admin(sandbox):
    client = KafkaAdminClient(bootstrap_servers=KAFKA_BOOTSTRAP, client_id="test-replication")
    yield client
    client.close()


def read_numbers(topic: str) -> Counter:
    reader = KafkaConsumer(bootstrap_servers=KAFKA_BOOTSTRAP, enable_auto_commit=False)
    tp = TopicPartition(topic, 0)
    reader.assign([tp])
    reader.seek_to_beginning(tp)
    end, numbers = reader.end_offsets([tp])[tp], Counter()
    deadline = time.monotonic() + 60
    while reader.position(tp) < end and time.monotonic() < deadline:
        for record in reader.poll(timeout_ms=1000).get(tp, []):
            numbers[int(record.value)] += 1
    reader.close()
    return numbers


def test_killing_the_leader_loses_and_duplicates_no_acknowledged_message(admin, unique_name):
    topic = unique_name
    admin.create_topics(
        {topic: {"num_partitions": 1, "replication_factor": 3, "configs": {"min.insync.replicas": "2"}}},
        wait_for_metadata=True,
    )
    try:
        (described,) = admin.describe_topics([topic])
        leader = described["partitions"][0]["leader_id"]
        acknowledged, failed, stop = [], [], threading.Event()

        def produce():
            producer = KafkaProducer(
                bootstrap_servers=KAFKA_BOOTSTRAP,
                acks="all",
                enable_idempotence=True,
                linger_ms=5,
                request_timeout_ms=2000,
            )
            number = 0
            while not stop.is_set():
                future = producer.send(topic, str(number).encode(), partition=0)
                future.add_callback(lambda _m, n=number: acknowledged.append(n))
                future.add_errback(lambda error, n=number: failed.append((n, repr(error))))
                number += 1
                if number % 100 == 0:
                    time.sleep(0.02)
            producer.flush(timeout=90)
            producer.close()

        writer = threading.Thread(target=produce)
        writer.start()
        time.sleep(2)
        try:
            assert acknowledged, "the producer writes before the kill"
            at_kill = len(acknowledged)
            sandbox.kill(f"kafka{leader}")
            wait_for_leader(admin, topic, 0, not_on=leader)
            time.sleep(2)
        finally:
            stop.set()
            writer.join(120)
            sandbox.start(f"kafka{leader}")
        wait_for_isr(admin, [topic], size=3)

        assert not failed, failed[:3]
        assert len(acknowledged) > at_kill, "writes were acknowledged after the kill, by the new leader"
        stored = read_numbers(topic)
        assert set(acknowledged) <= set(stored), "every acknowledged message is stored"
        assert all(count == 1 for count in stored.values()), "no message is stored twice"
    finally:
        admin.delete_topics([topic])
