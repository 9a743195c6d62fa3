"""The streaming ingest under failure, against the real sandbox: nothing lost, nothing duplicated,
every malformed message in the dead-letter topic with its reason."""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
import threading
import time

import pandas as pd
import pytest
from cassandra import ConsistencyLevel

from helpers import sandbox as sandbox_control
from helpers.cassandra_io.sessions import connect
from helpers.common.errors import WaitTimeout
from helpers.common.paths import REPO_ROOT
from helpers.data import generate
from helpers.ingest import REASON, Ingest, dead_letter_topic, pipeline
from helpers.kafka_io import admin, committed, consumer, create_topic, delete_topics, producer, read
from helpers.kafka_io.brokers import describe_topic
from helpers.stream import Simulation

pytestmark = pytest.mark.sandbox

MONTH = ("2016-05-01", "2016-06-01")  # 2,976 quarter hours x 10 series = 29,760 rows


@pytest.fixture
def names(sandbox, unique_name):
    """A topic, its dead-letter topic and a keyspace for one test; removed afterwards."""
    yield unique_name
    delete_topics(unique_name, dead_letter_topic(unique_name))
    session = connect()
    session.execute(f"DROP KEYSPACE IF EXISTS {unique_name}")
    session.cluster.shutdown()


def expected_keys(start, end) -> set[tuple[int, str, str]]:
    frame = generate(start, end)
    millis = frame["ts"].astype("int64") // 10**6
    return set(zip(millis.tolist(), frame["type"].astype(str), frame["region"].astype(str)))


def stored_keys(keyspace: str) -> list[tuple[int, str, str]]:
    """Every (ts ms, type, region) in the table, read at ALL (both replicas answer)."""
    session = connect(keyspace, consistency=ConsistencyLevel.ALL)
    try:
        rows = session.execute("SELECT ts, type, region FROM generation")
        return [(int(pd.Timestamp(r.ts, tz="UTC").value // 10**6), r.type, r.region) for r in rows]
    finally:
        session.cluster.shutdown()


def ingest_process(topic: str, keyspace: str, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "helpers.ingest",
            "--topic",
            topic,
            "--keyspace",
            keyspace,
            "--group",
            f"{keyspace}_g",
            *args,
        ],
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_sigkill_mid_stream_then_restart_stores_every_row_exactly_once(names):
    topic = keyspace = names
    stats = Simulation(topic, speed=None, start=MONTH[0], end=MONTH[1]).run()
    assert (stats.acked, stats.failed) == (29_760, 0)

    # Small polls and one admin client polling the commits: the kill follows the first commit closely,
    # well before the ingest (about 20k rows/s) could have stored the month.
    first = ingest_process(topic, keyspace, "--batch", "100")
    client = admin()
    try:
        deadline = time.monotonic() + 90
        while sum(committed(f"{keyspace}_g", topic, client=client).values()) == 0:
            assert first.poll() is None and time.monotonic() < deadline, first.communicate()
            time.sleep(0.02)
    finally:
        os.kill(first.pid, signal.SIGKILL)
        first.wait()
        client.close()
    done_at_kill = sum(committed(f"{keyspace}_g", topic).values())
    assert 0 < done_at_kill < 29_760, f"the kill must land mid-stream ({done_at_kill} rows committed)"

    second = ingest_process(topic, keyspace, "--until-idle", "3")
    out, err = second.communicate(timeout=150)
    assert second.returncode == 0, err
    consumed = int(out.split("consumed ")[1].split(",")[0])
    assert 29_760 - done_at_kill <= consumed < 29_760, out  # resumed from the committed offsets

    keys = stored_keys(keyspace)
    assert len(keys) == len(set(keys)) == 29_760
    assert set(keys) == expected_keys(*MONTH)


def test_broker_restart_while_the_simulator_produces_loses_no_message(names):
    topic = names
    window = ("2016-06-01", "2016-06-04")  # 288 quarter hours, 2,880 messages
    create_topic(topic, 3)
    simulation = Simulation(topic, speed=288 * 900 / 12, start=window[0], end=window[1]).start()  # about 12 s
    try:
        time.sleep(3)
        assert simulation.running and 0 < simulation.stats.queued < 2_880
        sandbox_control.stop("kafka2")
        time.sleep(2)
    finally:
        sandbox_control.start("kafka2")
    stats = simulation.join(timeout=180)
    assert (stats.acked, stats.failed) == (2_880, 0), stats.errors

    messages = read(topic)
    keys = [(json.loads(m.value)["ts"], json.loads(m.value)["type"], json.loads(m.value)["region"]) for m in messages]
    assert len(set(keys)) == 2_880, "every row arrived"
    assert len(keys) == 2_880, "idempotent producer: no duplicates from retries"
    expected = {
        (pd.Timestamp(ms, unit="ms").strftime("%Y-%m-%dT%H:%M:%SZ"), kind, region)
        for ms, kind, region in expected_keys(*window)
    }
    assert set(keys) == expected


GOOD = {"ts": "2016-06-21T12:00:00Z", "type": "solar", "region": "DE", "value": 31234.5}
MALFORMED = {  # key -> (value, the reason the dead letter must carry)
    "not-json": (b"2016-06-21T12:00:00Z,solar,DE,31234.5", "not JSON"),
    "not-utf8": (b"\xff\xfe\x00", "not UTF-8"),
    "empty": (b"", "empty message"),
    "array": (b'["2016-06-21T12:00:00Z", "solar", "DE", 1.0]', "not a JSON object"),
    "string": (b'"solar"', "not a JSON object"),
    "missing-field": (json.dumps({k: v for k, v in GOOD.items() if k != "region"}).encode(), "missing value: region"),
    "wrong-type": (json.dumps({**GOOD, "value": "31234.5"}).encode(), "wrong type: value"),
    "nan": (b'{"ts": "2016-06-21T12:00:00Z", "type": "solar", "region": "DE", "value": NaN}', "value is NaN"),
    "infinite": (
        b'{"ts": "2016-06-21T12:00:00Z", "type": "solar", "region": "DE", "value": Infinity}',
        "value is infinite",
    ),
    "negative": (json.dumps({**GOOD, "value": -5.0}).encode(), "negative value"),
    "unknown-type": (json.dumps({**GOOD, "type": "nuclear"}).encode(), "unknown type"),
    "bad-ts": (json.dumps({**GOOD, "ts": "21.06.2016 12:00"}).encode(), "unparsable timestamp"),
    "absurd-ts": (json.dumps({**GOOD, "ts": "2999-01-01T00:00:00Z"}).encode(), "timestamp out of range"),
    "oversized": (json.dumps({**GOOD, "comment": "x" * 100_000}).encode(), "oversized payload"),
}


def test_malformed_messages_go_to_the_dead_letter_topic_and_counts_reconcile(names):
    topic = keyspace = names
    valid = generate("2016-06-21", "2016-06-22")  # 960 rows
    create_topic(topic, 3)
    sender = producer()
    for ts, kind, region, value in valid.itertuples(index=False):
        row = {"ts": ts.strftime("%Y-%m-%dT%H:%M:%SZ"), "type": kind, "region": region, "value": value}
        sender.send(topic, key=f"{region}/{kind}".encode(), value=json.dumps(row).encode())
    for key, (value, _reason) in MALFORMED.items():
        sender.send(topic, key=key.encode(), value=value, headers=[("test.case", key.encode())])
    sender.flush()
    sender.close()

    stats = Ingest(topic, keyspace).run(until_idle=3)

    assert (stats.consumed, stats.stored, stats.dead_lettered) == (
        len(valid) + len(MALFORMED),
        len(valid),
        len(MALFORMED),
    )
    letters = read(dead_letter_topic(topic))
    assert sorted(m.key for m in letters) == sorted(MALFORMED)
    for letter in letters:
        value, reason = MALFORMED[letter.key]
        assert letter.headers[REASON].startswith(reason), (letter.key, letter.headers[REASON])
        assert letter.value == value.decode(errors="replace"), "the original value is kept"
        assert letter.headers["test.case"] == letter.key, "the original headers are kept"
        assert letter.headers["dlq.source.topic"] == topic
    assert set(stored_keys(keyspace)) == expected_keys("2016-06-21", "2016-06-22")


@pytest.mark.parametrize("write_timestamps", [True, False], ids=["kafka-timestamps-3-batches-at-once", "one-at-a-time"])
def test_a_correction_polled_after_the_original_wins_however_the_batches_are_written(names, write_timestamps):
    """Every row is sent twice, the second time corrected (+1 MW); small polls put the two in different
    batches, written concurrently when rows carry their Kafka timestamps. The corrections must win."""
    topic = keyspace = names
    day = generate("2016-06-21", "2016-06-22")  # 960 rows
    create_topic(topic, 1)
    sender = producer()
    for shift in (0.0, 1.0):
        for ts, kind, region, value in day.itertuples(index=False):
            row = {"ts": ts.strftime("%Y-%m-%dT%H:%M:%SZ"), "type": kind, "region": region, "value": value + shift}
            sender.send(topic, key=f"{region}/{kind}".encode(), value=json.dumps(row).encode())
        sender.flush()
    sender.close()

    ingest = Ingest(topic, keyspace, max_poll_records=40, write_timestamps=write_timestamps)
    stats = ingest.run(until_idle=3)

    assert ingest.in_flight == (3 if write_timestamps else 1)
    assert (stats.consumed, stats.stored) == (2 * len(day), 2 * len(day))
    assert sum(committed(ingest.group, topic).values()) == 2 * len(day)
    session = connect(keyspace, consistency=ConsistencyLevel.ALL)
    try:
        stored = pd.DataFrame(list(session.execute("SELECT ts, type, region, value FROM generation")))
    finally:
        session.cluster.shutdown()
    stored["ts"] = pd.to_datetime(stored["ts"], utc=True)
    both = stored.merge(day.astype({"type": str, "region": str}), on=["ts", "type", "region"], suffixes=("", "_sent"))
    assert len(both) == len(day)
    assert ((both["value"] - both["value_sent"] - 1.0).abs() < 1e-6).all(), "an original overwrote its correction"


def test_an_ingest_that_never_gets_a_partition_subscribes_again_then_says_so(names, monkeypatch, caplog):
    """A topic of one partition, held by another member of the group: the ingest must not wait forever."""
    topic = keyspace = group = names
    create_topic(topic, 1)
    client = admin()
    try:
        describe_topic(client, topic)  # every broker asked knows the new topic: the holder's metadata will too
    finally:
        client.close()
    # A static member (group.instance.id) comes first in the range assignment, so it keeps the one partition.
    holder = consumer(topic, group=group, group_instance_id="holder")
    holds, done = threading.Event(), threading.Event()

    def hold():
        while not done.is_set():
            holder.poll(timeout_ms=200)
            if holder.assignment():
                holds.set()

    thread = threading.Thread(target=hold, daemon=True)
    thread.start()
    try:
        assert holds.wait(60), "the holder got the partition"
        monkeypatch.setattr(pipeline, "REJOIN_AFTER_S", 3)
        caplog.set_level(logging.INFO, logger=pipeline.__name__)
        monkeypatch.setattr(pipeline, "JOIN_TIMEOUT_S", 15)
        started = time.monotonic()
        with pytest.raises(WaitTimeout, match=f"group {group!r} to get partitions of {topic!r}"):
            Ingest(topic, keyspace, group=group).run(until_idle=1)
        assert 15 <= time.monotonic() - started < 60
        assert "subscribing again" in caplog.text
    finally:
        done.set()
        thread.join(10)
        holder.close(autocommit=False)
