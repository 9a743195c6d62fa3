"""The ingest: a consumer group reads the topic and stores every valid row in Cassandra.

Per poll (a batch of up to 5,000 messages):

1. decode and validate every message (helpers.ingest.decode);
2. write the valid rows to Cassandra, many requests in flight (helpers.cassandra_io.writes),
   and the rest to the dead-letter topic with their reason; while Cassandra works,
   the next batches are polled, decoded and written too (up to three at once);
3. only when both are stored, and every batch polled before it, commit the batch's offsets.

A crash before step 3 means the batch is read again: at least once. Writing a row again
with the same values changes nothing; each row is written ``USING TIMESTAMP`` of its Kafka
message, so a message read again cannot overwrite a correction that came after it (the
later Kafka timestamp wins, whatever the order of the writes).

Writes use LOCAL_QUORUM: with RF 3, two replicas hold a row before its offset is committed,
and the ingest keeps going while one node is down.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from cassandra import ConsistencyLevel, DriverException
from cassandra.cluster import NoHostAvailable
from kafka import TopicPartition
from kafka.errors import CommitFailedError, IllegalGenerationError, RebalanceInProgressError, UnknownMemberIdError
from kafka.structs import OffsetAndMetadata

from helpers.cassandra_io.schema import GENERATION_TABLE, create_generation_table
from helpers.cassandra_io.sessions import connect
from helpers.cassandra_io.writes import BATCH_ROWS, CONCURRENCY, GenerationWriter, insert_cql
from helpers.common.background import Background
from helpers.common.errors import WaitTimeout
from helpers.common.waiting import with_retries
from helpers.ingest.deadletter import DeadLetters
from helpers.ingest.decode import decode
from helpers.ingest.stats import IngestStats
from helpers.kafka_io import consumer as make_consumer
from helpers.kafka_io import producer as make_producer
from helpers.kafka_io.clients import SESSION_TIMEOUT_MS

WRITE_ATTEMPTS = 5
METADATA_MAX_AGE_MS = 5_000
"""A group that joins while its topic is new can get no partitions ("No partition metadata for topic"); it joins
again at the next metadata refresh, which is 5 minutes away by default."""
REJOIN_AFTER_S = 10
"""Without partitions this long, the ingest subscribes again (a new join, with fresh metadata). A join takes a
second or two, and a crashed predecessor leaves the group after SESSION_TIMEOUT_MS (6 s); once in a few hundred
runs a join on the sandbox got nothing for 30 s, and a new subscription ended the wait."""
JOIN_TIMEOUT_S = 120
"""Without partitions this long, ``run(until_idle=...)`` raises instead of waiting forever."""
IN_FLIGHT = 3
"""Batches written at once (with write timestamps; without them, one: the last write must be the last sent)."""
PENDING_POLL_MS = 20
"""How long a poll waits while batches are being written: a finished batch's commit waits for it at most."""
REBALANCED = (CommitFailedError, RebalanceInProgressError, IllegalGenerationError, UnknownMemberIdError)
"""What a commit raises when the group has moved on (kafka-python 3.0 raises RebalanceInProgressError too)."""
CLOSE_TIMEOUT_S = 10
"""At most this long to close the Kafka clients (by default a producer's close may wait forever)."""
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
MILLISECOND = dt.timedelta(milliseconds=1)
log = logging.getLogger(__name__)


def default_group(keyspace: str, table: str = GENERATION_TABLE) -> str:
    return f"ingest-{keyspace}-{table}"


class Ingest(Background):
    """Kafka ``topic`` -> Cassandra ``keyspace.table``, as consumer group ``group``.

    :meth:`run` blocks (until idle, or until ``stop()``); ``start(until_idle)`` runs it in a thread.
    ``write_timestamps``: write each row ``USING TIMESTAMP`` of its Kafka message (microseconds);
    without it, Cassandra stamps each write with the time it arrives.
    """

    def __init__(
        self,
        topic: str,
        keyspace: str,
        table: str = GENERATION_TABLE,
        group: str | None = None,
        max_poll_records: int = 5000,
        consistency: int = ConsistencyLevel.LOCAL_QUORUM,
        write_timestamps: bool = True,
    ):
        self.topic, self.keyspace, self.table = topic, keyspace, table
        self.group = group or default_group(keyspace, table)
        self.max_poll_records = max_poll_records
        self.consistency = consistency
        self.write_timestamps = write_timestamps
        # Concurrent batches may land out of order: harmless when each row carries its Kafka timestamp.
        self.in_flight = IN_FLIGHT if write_timestamps else 1
        self.stats = IngestStats()
        super().__init__()

    def settings(self) -> dict[str, object]:
        """What the ingest sets, to print next to the loop written by hand (lesson 03)."""
        return {
            "group_id": self.group,
            "enable_auto_commit": False,
            "auto_offset_reset": "earliest",
            "max_poll_records": self.max_poll_records,
            "session_timeout_ms": SESSION_TIMEOUT_MS,
            "insert": insert_cql(self.keyspace, self.table, self.write_timestamps),
            "write time": "the Kafka timestamp (USING TIMESTAMP)" if self.write_timestamps else "the client's clock",
            "consistency": ConsistencyLevel.value_to_name[self.consistency],
            "rows per UNLOGGED batch (one partition)": BATCH_ROWS,
            "requests in flight": CONCURRENCY,
            "batches written at once": self.in_flight,
            "commit": "after the rows and dead letters of a poll are stored; skipped if the group rebalanced",
            "dead letters": f"{self.topic}.dlq",
        }

    def run(self, until_idle: float | None = None) -> IngestStats:
        """Consume and store until ``until_idle`` seconds pass without a message (None: until stopped)."""
        session = connect(consistency=self.consistency)
        create_generation_table(session, self.keyspace, self.table)
        writer = GenerationWriter(session, self.keyspace, self.table, with_timestamp=self.write_timestamps)
        reader = make_consumer(
            self.topic,
            group=self.group,
            max_poll_records=self.max_poll_records,
            metadata_max_age_ms=METADATA_MAX_AGE_MS,
        )
        sender = make_producer()
        try:
            self._loop(reader, writer, DeadLetters(sender, self.topic), until_idle)
        finally:
            reader.close(autocommit=False, timeout_ms=CLOSE_TIMEOUT_S * 1000)
            sender.close(timeout=CLOSE_TIMEOUT_S)
            session.cluster.shutdown()
        return self.stats

    def _loop(self, reader, writer, dead_letters, until_idle) -> None:
        """Poll, decode, write: up to ``in_flight`` batches are written while the next ones are polled.

        Offsets are committed in poll order, each batch's as soon as it and every batch before it are
        stored; while batches are in flight, polls are short (PENDING_POLL_MS) so that a commit waits little.
        """
        last_message, in_flight = time.monotonic(), deque()
        joining = _Joining(reader, self.topic, self.group, must_join=until_idle is not None)
        with ThreadPoolExecutor(max_workers=self.in_flight, thread_name_prefix="ingest-write") as executor:
            while not self._stop.is_set():
                while in_flight and in_flight[0][1].done():
                    self._finish(in_flight.popleft(), reader, dead_letters)
                polled = reader.poll(timeout_ms=PENDING_POLL_MS if in_flight else 200)
                if not polled:
                    if joining.still():  # idle time starts with partitions
                        last_message = time.monotonic()
                    elif until_idle is not None and time.monotonic() - last_message >= until_idle:
                        break
                    continue
                last_message = time.monotonic()
                batch = _decode(polled, dead_letters, self.write_timestamps)
                if len(in_flight) == self.in_flight:
                    self._finish(in_flight.popleft(), reader, dead_letters)
                in_flight.append((batch, executor.submit(_write_with_retries, writer, batch.readings)))
            while in_flight:
                self._finish(in_flight.popleft(), reader, dead_letters)

    def _finish(self, pending, reader, dead_letters) -> None:
        """Wait until the batch's rows and dead letters are stored, then commit its offsets."""
        batch, written = pending
        written.result()
        dead_letters.flush()
        stored_at_ms = time.time() * 1000
        try:
            reader.commit(batch.offsets)
        except REBALANCED:
            pass  # the group rebalanced meanwhile: the new owner reads the batch again (same rows, same write times)
        self.stats.add_batch(
            batch.consumed, len(batch.readings), batch.reasons, [stored_at_ms - t for t in batch.timestamps_ms]
        )


class _Joining:
    """Watches a consumer that holds no partition yet: it subscribes again after REJOIN_AFTER_S and,
    when ``must_join``, raises after JOIN_TIMEOUT_S (other members hold every partition, or the group never settles)."""

    def __init__(self, reader, topic: str, group: str, must_join: bool):
        self.reader, self.topic, self.group, self.must_join = reader, topic, group, must_join
        self.since = time.monotonic()
        self.rejoined = False

    def still(self) -> bool:
        """True while the consumer has no partition; the clock restarts whenever it loses them all."""
        if self.reader.assignment():
            self.since, self.rejoined = None, False
            return False
        self.since = self.since or time.monotonic()
        waited = time.monotonic() - self.since
        if waited >= REJOIN_AFTER_S and not self.rejoined:
            log.info("group %s: no partition of %s after %.0f s; subscribing again", self.group, self.topic, waited)
            self.reader.unsubscribe()
            self.reader.subscribe([self.topic])
            self.rejoined = True
        if waited >= JOIN_TIMEOUT_S and self.must_join:
            raise WaitTimeout(
                f"Waited {JOIN_TIMEOUT_S} s for group {self.group!r} to get partitions of {self.topic!r}: "
                "does the topic exist, and does another member of the group hold every partition?"
            )
        return True


@dataclass
class Batch:
    """One poll's messages, decoded: the readings to store, why the others were dead-lettered, the offsets to commit."""

    readings: list[tuple] = field(default_factory=list)
    timestamps_ms: list[int] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    consumed: int = 0
    offsets: dict[TopicPartition, OffsetAndMetadata] = field(default_factory=dict)


def _decode(polled: dict, dead_letters: DeadLetters, write_timestamps: bool) -> Batch:
    """Decode every polled record into a reading ``(region, type, ts_ms, value[, write_us])``;
    send the ones that cannot be stored to the dead-letter topic."""
    now = dt.datetime.now(dt.UTC)
    batch = Batch()
    readings, stamps = batch.readings, batch.timestamps_ms
    for partition, records in polled.items():
        for record in records:
            row, reason = decode(record.value, now)
            if row is None:
                dead_letters.send(record, reason)
                batch.reasons.append(reason)
                continue
            ts_ms = (row["ts"] - EPOCH) // MILLISECOND
            if write_timestamps:
                readings.append((row["region"], row["type"], ts_ms, row["value"], record.timestamp * 1000))
            else:
                readings.append((row["region"], row["type"], ts_ms, row["value"]))
            stamps.append(record.timestamp)
        batch.consumed += len(records)
        batch.offsets[partition] = OffsetAndMetadata(records[-1].offset + 1, "", -1)
    return batch


def _write_with_retries(writer: GenerationWriter, readings: list[tuple]) -> None:
    """Write; on a failed request, write the whole batch again (same rows, same write times), backing off."""
    if readings:
        # Timeouts, unavailable replicas, no node reachable: retried, then raised.
        with_retries(lambda: writer.write_readings(readings), WRITE_ATTEMPTS, (DriverException, NoHostAvailable))
