"""The dead-letter topic: messages the ingest cannot store, kept with the reason why.

Each dead letter keeps the original key and value byte for byte; its headers say why it
was rejected and where it came from:

    dlq.reason            "negative value"
    dlq.source.topic      "generation"
    dlq.source.partition  "2"
    dlq.source.offset     "1234"
    dlq.source.timestamp  "1466510400000"   (the original's Kafka timestamp, epoch ms)

plus the original's own headers.
"""

from __future__ import annotations

from kafka import KafkaProducer

REASON = "dlq.reason"
FLUSH_TIMEOUT_S = 150
"""Longer than the producer's delivery timeout (120 s): by then every send has succeeded or failed."""


def dead_letter_topic(topic: str) -> str:
    """``generation`` -> ``generation.dlq``."""
    return f"{topic}.dlq"


def dead_letter_headers(record, reason: str) -> list[tuple[str, bytes]]:
    """The headers of the dead letter for consumer record ``record``."""
    origin = [
        (REASON, reason),
        ("dlq.source.topic", record.topic),
        ("dlq.source.partition", str(record.partition)),
        ("dlq.source.offset", str(record.offset)),
        ("dlq.source.timestamp", str(record.timestamp)),
    ]
    return [(k, v.encode()) for k, v in origin] + list(record.headers or [])


class DeadLetters:
    """Sends dead letters for one source topic; :meth:`flush` waits until the broker has them all."""

    def __init__(self, producer: KafkaProducer, topic: str):
        self.producer = producer
        self.topic = dead_letter_topic(topic)
        self._pending = []

    def send(self, record, reason: str) -> None:
        self._pending.append(
            self.producer.send(
                self.topic, key=record.key, value=record.value, headers=dead_letter_headers(record, reason)
            )
        )

    def flush(self) -> int:
        """Wait for every pending dead letter; raise if one failed. Returns how many there were."""
        if not self._pending:
            return 0
        self.producer.flush(timeout=FLUSH_TIMEOUT_S)
        for future in self._pending:
            future.get(timeout=0)
        sent, self._pending = len(self._pending), []
        return sent
