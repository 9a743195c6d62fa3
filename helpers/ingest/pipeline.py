"""The ingest: a consumer group reads the topic and stores every valid row in Cassandra.

Per poll (a batch of up to 5,000 messages):

1. decode and validate every message (helpers.ingest.decode);
2. write the valid rows to Cassandra, many requests in flight (helpers.load's writer),
   and the rest to the dead-letter topic with their reason; while Cassandra works,
   the next batch is polled and decoded;
3. only when both are stored, commit the batch's offsets.

A crash before step 3 means the batch is read again: at least once. Every write is an
upsert of the same primary key, so reading it again stores nothing twice.

Writes use consistency ONE: with RF=2 both replicas still get every row while both are up,
and the ingest keeps going while one node restarts (hinted handoff catches it up later).
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import pandas as pd
from cassandra import ConsistencyLevel, DriverException
from cassandra.cluster import NoHostAvailable
from kafka import TopicPartition
from kafka.errors import CommitFailedError
from kafka.structs import OffsetAndMetadata

from helpers.cassandra_io.schema import GENERATION_TABLE, create_generation_table
from helpers.cassandra_io.sessions import connect
from helpers.cassandra_io.writes import GenerationWriter
from helpers.common.background import Background
from helpers.common.waiting import with_retries
from helpers.ingest.deadletter import DeadLetters
from helpers.ingest.decode import decode
from helpers.ingest.stats import IngestStats
from helpers.kafka_io import consumer as make_consumer
from helpers.kafka_io import producer as make_producer

WRITE_ATTEMPTS = 5


def default_group(keyspace: str, table: str = GENERATION_TABLE) -> str:
    return f"ingest-{keyspace}-{table}"


class Ingest(Background):
    """Kafka ``topic`` -> Cassandra ``keyspace.table``, as consumer group ``group``.

    :meth:`run` blocks (until idle, or until ``stop()``); ``start(until_idle)`` runs it in a thread.
    """

    def __init__(
        self,
        topic: str,
        keyspace: str,
        table: str = GENERATION_TABLE,
        group: str | None = None,
        max_poll_records: int = 5000,
        consistency: int = ConsistencyLevel.ONE,
    ):
        self.topic, self.keyspace, self.table = topic, keyspace, table
        self.group = group or default_group(keyspace, table)
        self.max_poll_records = max_poll_records
        self.consistency = consistency
        self.stats = IngestStats()
        super().__init__()

    def run(self, until_idle: float | None = None) -> IngestStats:
        """Consume and store until ``until_idle`` seconds pass without a message (None: until stopped)."""
        session = connect(consistency=self.consistency)
        create_generation_table(session, self.keyspace, self.table)
        writer = GenerationWriter(session, self.keyspace, self.table)
        reader = make_consumer(self.topic, group=self.group, max_poll_records=self.max_poll_records)
        sender = make_producer()
        try:
            self._loop(reader, writer, DeadLetters(sender, self.topic), until_idle)
        finally:
            reader.close(autocommit=False)
            sender.close()
            session.cluster.shutdown()
        return self.stats

    def _loop(self, reader, writer, dead_letters, until_idle) -> None:
        """Poll, decode, write; batch N is written while batch N+1 is polled and decoded."""
        last_message, pending = time.monotonic(), None
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="ingest-write") as executor:
            while not self._stop.is_set():
                polled = reader.poll(timeout_ms=200)
                if not polled:
                    if pending:
                        self._finish(pending, reader, dead_letters)
                        pending = None
                    if not reader.assignment():  # joining the group: idle time starts with partitions
                        last_message = time.monotonic()
                    elif until_idle is not None and time.monotonic() - last_message >= until_idle:
                        return
                    continue
                last_message = time.monotonic()
                batch = _decode(polled, dead_letters)
                if pending:
                    self._finish(pending, reader, dead_letters)
                pending = (batch, executor.submit(_write_with_retries, writer, batch.rows))
            if pending:
                self._finish(pending, reader, dead_letters)

    def _finish(self, pending, reader, dead_letters) -> None:
        """Wait until the batch's rows and dead letters are stored, then commit its offsets."""
        batch, written = pending
        written.result()
        dead_letters.flush()
        stored_at_ms = time.time() * 1000
        try:
            reader.commit(batch.offsets)
        except CommitFailedError:
            pass  # the group rebalanced meanwhile: the new owner reads the batch again (upserts: harmless)
        self.stats.add_batch(
            batch.consumed, len(batch.rows), batch.reasons, [stored_at_ms - t for t in batch.timestamps_ms]
        )


@dataclass
class Batch:
    """One poll's messages, decoded: the rows to store, why the others were dead-lettered, the offsets to commit."""

    rows: pd.DataFrame
    timestamps_ms: list[int]
    reasons: list[str]
    consumed: int
    offsets: dict[TopicPartition, OffsetAndMetadata]


def _decode(polled: dict, dead_letters: DeadLetters) -> Batch:
    """Decode every polled record; send the ones that cannot be stored to the dead-letter topic."""
    now = pd.Timestamp.now(tz="UTC")
    rows, stamps, reasons, offsets = [], [], [], {}
    for partition, records in polled.items():
        for record in records:
            row, reason = decode(record.value, now)
            if row is None:
                dead_letters.send(record, reason)
                reasons.append(reason)
            else:
                rows.append(row)
                stamps.append(record.timestamp)
        offsets[partition] = OffsetAndMetadata(records[-1].offset + 1, "", -1)
    frame = pd.DataFrame(rows, columns=["ts", "type", "region", "value"])
    return Batch(frame, stamps, reasons, sum(len(r) for r in polled.values()), offsets)


def _write_with_retries(writer: GenerationWriter, frame: pd.DataFrame) -> None:
    """Write; on a failed request, write the whole batch again (upserts), backing off, a few times."""
    if not frame.empty:
        # Timeouts, unavailable replicas, no node reachable: retried, then raised.
        with_retries(lambda: writer.write(frame), WRITE_ATTEMPTS, (DriverException, NoHostAvailable))
