"""What an ingest run did: counts, why messages were dead-lettered, throughput and latency over time."""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field

import numpy as np


@dataclass
class IngestStats:
    consumed: int = 0
    stored: int = 0
    dead_lettered: int = 0
    reasons: Counter = field(default_factory=Counter)
    latencies_ms: list[float] = field(default_factory=list)
    """Per stored row: from the message's Kafka timestamp to the moment Cassandra acknowledged the row."""
    timeline: list[tuple[float, int, int]] = field(default_factory=list)
    """(monotonic seconds, consumed so far, stored so far) after each committed batch."""

    def add_batch(self, consumed: int, stored: int, dead: list[str], latencies_ms: list[float]) -> None:
        self.consumed += consumed
        self.stored += stored
        self.dead_lettered += len(dead)
        self.reasons.update(_reason_kind(r) for r in dead)
        self.latencies_ms.extend(latencies_ms)
        self.timeline.append((time.monotonic(), self.consumed, self.stored))

    def latency_percentiles(self, *quantiles: float) -> list[float]:
        """Latency percentiles in ms (e.g. 50, 99); NaN when nothing was stored."""
        if not self.latencies_ms:
            return [float("nan")] * len(quantiles)
        return [float(v) for v in np.percentile(self.latencies_ms, quantiles)]

    def summary(self) -> str:
        """consumed, stored, dead-lettered, and the dead letters' reasons."""
        why = ", ".join(f"{reason}: {count}" for reason, count in sorted(self.reasons.items()))
        return f"consumed {self.consumed}, stored {self.stored}, dead-lettered {self.dead_lettered}" + (
            f" ({why})" if why else ""
        )


def _reason_kind(reason: str) -> str:
    """The reason without its details: 'oversized payload: 70000 bytes > 65536' -> 'oversized payload'."""
    head, _, detail = reason.partition(": ")
    return head if detail and detail[:1].isdigit() else reason
