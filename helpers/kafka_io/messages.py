"""Messages: produce keyed JSON, read a topic back (from the start, an offset or a time)."""

from __future__ import annotations

import json
import time
from collections.abc import Iterable
from dataclasses import dataclass

from kafka import KafkaProducer, TopicPartition

from helpers.kafka_io.clients import consumer


@dataclass(frozen=True)
class Message:
    """One record as read back: where it sits in the log, its key, value, time and headers."""

    partition: int
    offset: int
    key: str | None
    value: str
    timestamp_ms: int
    headers: dict[str, str]


def to_json(value) -> bytes:
    """Compact JSON (UTF-8) as the workshop's messages carry it."""
    return json.dumps(value, separators=(",", ":"), allow_nan=True).encode()


def send_json(producer: KafkaProducer, topic: str, records: Iterable[tuple[str | None, object]]) -> int:
    """Send (key, JSON-able value) pairs, then flush; raises if any send failed. Returns the count."""
    futures = [
        producer.send(topic, key=None if key is None else key.encode(), value=to_json(value)) for key, value in records
    ]
    producer.flush()
    for future in futures:
        future.get(timeout=0)  # re-raises a delivery failure
    return len(futures)


def read(
    topic: str, start: dict[int, int] | None = None, limit: int | None = None, idle_s: float = 2.0
) -> list[Message]:
    """Read ``topic`` without a consumer group, from ``start`` ({partition: offset}; default: the
    beginning of every partition), until ``limit`` messages or ``idle_s`` seconds without one.

    Returns messages sorted by (partition, offset).
    """
    reader = consumer(group=None)
    try:
        partitions = [TopicPartition(topic, p) for p in sorted(reader.partitions_for_topic(topic) or ())]
        if start is not None:
            partitions = [tp for tp in partitions if start.get(tp.partition, -1) >= 0]
        reader.assign(partitions)
        for tp in partitions:
            reader.seek(tp, start[tp.partition]) if start is not None else reader.seek_to_beginning(tp)
        ends = reader.end_offsets(partitions)
        return _drain(reader, ends, limit, idle_s)
    finally:
        reader.close()


def _drain(reader, ends: dict, limit: int | None, idle_s: float) -> list[Message]:
    out: list[Message] = []
    last = time.monotonic()
    while (limit is None or len(out) < limit) and time.monotonic() - last < idle_s:
        if all(reader.position(tp) >= end for tp, end in ends.items()):
            break
        for records in reader.poll(timeout_ms=200).values():
            out.extend(_message(r) for r in records)
            last = time.monotonic()
    out.sort(key=lambda m: (m.partition, m.offset))
    return out[:limit] if limit is not None else out


def _message(record) -> Message:
    headers = {k: v.decode(errors="replace") for k, v in (record.headers or [])}
    key = None if record.key is None else record.key.decode(errors="replace")
    return Message(
        record.partition, record.offset, key, record.value.decode(errors="replace"), record.timestamp, headers
    )
