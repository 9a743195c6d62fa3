"""Incident "stuck-consumer": the loader, a consumer group storing telemetry in Cassandra, meets a message that is
not JSON. It fails on it, commits what it stored before it, and starts again at the same offset: one partition
stands still while the stream goes on, and its lag grows. Repaired when the group's lag is 0, the malformed
message sits in the dead-letter topic (kept, with where it came from), and every valid reading is stored.
Skipping it by committing past it also brings the lag to 0, and loses the message and what came after it."""

from __future__ import annotations

import datetime as dt
import json
import time

from kafka.errors import CoordinatorLoadInProgressError, CoordinatorNotAvailableError, NotCoordinatorError
from kafka.structs import OffsetAndMetadata

from helpers.cassandra_io.schema import create_generation_table
from helpers.cassandra_io.sessions import connect
from helpers.common.errors import WaitTimeout
from helpers.common.waiting import wait_until
from helpers.ingest.deadletter import dead_letter_topic
from helpers.kafka_io import admin, consumer, create_topic, delete_topics, producer, read, total_lag
from helpers.oncall.incident import Incident, drop_keyspace, register, topic_exists

TOPIC, KEYSPACE, GROUP = "nb11_telemetry", "nb11_telemetry", "nb11-loader"
REGIONS = ("50hertz", "amprion", "tennet")  # partition 0, 1, 2: one wind series each
START = dt.datetime(2016, 10, 18)
FIRST, LATER = 100, 50  # readings per partition before the page, and after
POISON_PARTITION, POISON_OFFSET = 1, 40
POISON = b'{"ts": "2016-10-18T10:00:00Z", "type": "wind", "region": "amprion", "value": 4'  # cut off: not JSON
COORDINATOR = (CoordinatorLoadInProgressError, CoordinatorNotAvailableError, NotCoordinatorError)
VALID = len(REGIONS) * (FIRST + LATER) - 1


def reading(partition: int, k: int) -> bytes:
    ts = START + dt.timedelta(minutes=15 * k)
    message = {"ts": ts.isoformat() + "Z", "type": "wind", "region": REGIONS[partition], "value": 1000.0 + k}
    return json.dumps(message).encode()


def produce(first: int, last: int) -> None:
    """Readings first..last-1 of each series; the poison in place of reading 40 of amprion."""
    sender = producer()
    try:
        for partition, region in enumerate(REGIONS):
            for k in range(first, last):
                poisoned = (partition, k) == (POISON_PARTITION, POISON_OFFSET)
                value = POISON if poisoned else reading(partition, k)
                sender.send(TOPIC, key=f"{region}/wind".encode(), value=value, partition=partition)
        sender.flush(timeout=60)
    finally:
        sender.close(timeout=5)


def run_loader(idle_s: float = 3.0, join_timeout_s: float = 60.0) -> int:
    """The loader as it was deployed: json.loads, store in nb11_telemetry.generation, commit. On a message it
    cannot read it commits what it stored before it and starts that partition again at the same offset (as a
    restarted process would). Runs until the other partitions are done, or ``idle_s`` without a message; returns
    how many times it failed."""
    session = connect()
    insert = session.prepare(f"INSERT INTO {KEYSPACE}.generation (region, type, ts, value) VALUES (?, ?, ?, ?)")
    reader = consumer(TOPIC, group=GROUP, metadata_max_age_ms=5_000)
    failures, began, last = 0, time.monotonic(), time.monotonic()
    try:
        while True:
            batches = reader.poll(timeout_ms=500)
            for tp, records in sorted(batches.items()):
                last = time.monotonic()
                failures += load(session, insert, reader, tp, records)
            assigned = list(reader.assignment())
            if not assigned:
                if time.monotonic() - began > join_timeout_s:
                    raise WaitTimeout(f"the loader got no partition of {TOPIC} within {join_timeout_s:.0f} s")
                continue
            others = {tp: end for tp, end in reader.end_offsets(assigned).items() if tp.partition != POISON_PARTITION}
            if (failures and all(reader.position(tp) >= end for tp, end in others.items())) or (
                time.monotonic() - last > idle_s
            ):
                return failures  # the stuck partition would fail again forever
    finally:
        reader.close()
        session.cluster.shutdown()


def load(session, insert, reader, tp, records) -> int:
    """Store ``records`` of one partition in order and commit them; 1 if it failed on one (and seeks back to it)."""
    done, failed = None, 0
    for record in records:
        try:
            row = json.loads(record.value)
        except ValueError:
            failed = 1
            reader.seek(tp, record.offset)  # "restarted": back to the message it failed on
            break
        ts = dt.datetime.fromisoformat(row["ts"].replace("Z", "+00:00"))
        session.execute(insert, (row["region"], row["type"], ts, row["value"]))
        done = record.offset + 1
    if done is not None:
        reader.commit({tp: OffsetAndMetadata(done, "", -1)})
    return failed


def inject() -> list[str]:
    session = connect()
    try:
        create_generation_table(session, KEYSPACE)
    finally:
        session.cluster.shutdown()
    create_topic(TOPIC, partitions=len(REGIONS))
    create_topic(dead_letter_topic(TOPIC), partitions=1)  # as lesson 03's ingest has one
    produce(0, FIRST)
    run_loader()
    before = total_lag(GROUP, TOPIC)
    produce(FIRST, FIRST + LATER)  # the stream goes on
    run_loader()
    return [
        f"consumer group {GROUP} on {TOPIC}: lag {total_lag(GROUP, TOPIC)} messages, {before} an hour ago",
        "the loader's process restarts every few minutes",
    ]


def stored_rows() -> int:
    session = connect()
    try:
        query = f"SELECT count(*) FROM {KEYSPACE}.generation WHERE region = %s AND type = 'wind'"
        return sum(session.execute(query, (region,)).one()[0] for region in REGIONS)
    finally:
        session.cluster.shutdown()


def dead_lettered() -> bool:
    topic = dead_letter_topic(TOPIC)
    return topic_exists(topic) and any(m.value == POISON.decode() for m in read(topic, idle_s=1.0))


def problems(evidence) -> list[str]:
    lag = total_lag(GROUP, TOPIC)
    if lag:
        return [f"group {GROUP} still lags {lag} messages behind {TOPIC}."]
    if not dead_lettered():
        return [
            f"the lag is 0, but the message the loader failed on is not in {dead_letter_topic(TOPIC)}: skipped, it "
            "is lost, and nobody can look at it or replay it."
        ]
    stored = stored_rows()
    if stored != VALID:
        return [
            f"{KEYSPACE}.generation holds {stored} readings, fewer than the topic's valid messages: the group "
            "committed past some of them without storing them."
        ]
    if evidence != lag:
        return [f"the lag you give is not the group's lag now: ask for {GROUP}'s lag again, after your fix."]
    return []


def reset() -> None:
    delete_topics(TOPIC, dead_letter_topic(TOPIC))
    client = admin()
    try:
        # answers (group, error) pairs: a group that does not exist is fine; a coordinator still loading is asked again
        wait_until(lambda: client.delete_groups([GROUP]) or True, 30, f"{GROUP}'s coordinator", retry_on=COORDINATOR)
    finally:
        client.close()
    drop_keyspace(KEYSPACE)


register(
    Incident(
        key="stuck-consumer",
        pager="dashboard: Amprion's wind stopped updating at 10:00; the other areas are current.",
        causes={
            "A": ("a broker is down, so one partition of the topic has no leader and nobody can read from it"),
            "B": ("the group has no members at all: nobody has run the loader since last night's maintenance"),
            "C": ("retention deleted the partition's messages before the loader read them: it has nothing to read"),
            "D": (
                "the message at the group's committed offset cannot be read: the loader fails on it, retries forever"
            ),
            "E": ("the producer stopped sending that area's readings, so the partition's log end stands still"),
        },
        component="consumer group",
        cause="D",
        component_hint=(
            "The dashboard shows what the loader stored. Are the readings in the topic (its log end offsets), "
            "and how far has the loader's group come on each partition?"
        ),
        cause_hint=(
            "One partition lags while the others keep up. Read that partition's message at the group's committed "
            "offset (a consumer without a group: assign, seek) and look at its bytes."
        ),
        inject=inject,
        problems=problems,
        reset=reset,
        present=lambda: topic_exists(TOPIC),
    )
)
