"""The stream simulator: replays generation rows into a Kafka topic at a chosen speed.

    sim = Simulation("generation", speed=900).start()   # 15 simulated minutes per second, in the background
    ...
    sim.stop()                                          # or sim.join() to wait for the end of the data

Messages are produced with acks=all and idempotence (helpers.kafka_io.producer), so a broker
restart delays them but loses and duplicates none; each one's Kafka timestamp is the moment
it was sent, which is what end-to-end latency is measured from.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from helpers.common.background import Background
from helpers.kafka_io import producer as make_producer
from helpers.kafka_io.topics import create_topic
from helpers.stream.messages import frame_messages
from helpers.stream.pacing import Pacer
from helpers.stream.source import DEFAULT_END, DEFAULT_START, replay_frames


@dataclass
class SimulationStats:
    """What a replay did: messages handed to the producer, acknowledged by the broker, failed."""

    queued: int = 0
    acked: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def on_ack(self, _metadata) -> None:
        with self._lock:
            self.acked += 1

    def on_error(self, error) -> None:
        with self._lock:
            self.failed += 1
            if len(self.errors) < 10:
                self.errors.append(repr(error))

    def summary(self) -> str:
        return f"sent {self.acked} messages ({self.failed} failed)"


class Simulation(Background):
    """One replay of [start, end) into ``topic``.

    :meth:`run` blocks; ``start()`` / ``stop()`` run it in the background.
    """

    def __init__(
        self,
        topic: str = "generation",
        speed: float | None = None,
        csv=None,
        start=DEFAULT_START,
        end=DEFAULT_END,
        partitions: int = 3,
        scenario=None,
    ):
        """``scenario`` (e.g. :data:`helpers.alerts.scenario.STORM_AND_FAULT`) rewrites each frame before it is sent."""
        self.topic, self.speed, self.csv, self.start_ts, self.end_ts = topic, speed, csv, start, end
        self.partitions, self.scenario = partitions, scenario
        self.stats = SimulationStats()
        super().__init__()

    def run(self) -> SimulationStats:
        """Replay everything (or until :meth:`stop`), flush, and return the counts."""
        create_topic(self.topic, self.partitions)
        sender = make_producer()
        try:
            self._replay(sender)
        finally:
            sender.flush()
            sender.close()
        return self.stats

    def _replay(self, sender) -> None:
        pacer = Pacer(self.speed, self._stop)
        for frame in replay_frames(self.csv, self.start_ts, self.end_ts):
            if self.scenario is not None:
                frame = self.scenario.apply(frame)
            seconds = (frame["ts"].astype("int64") // 10**9).tolist()
            previous = None
            for second, (key, value) in zip(seconds, frame_messages(frame)):
                if second != previous and not pacer.wait(second):
                    return
                previous = second
                future = sender.send(self.topic, key=key, value=value)
                future.add_callback(self.stats.on_ack).add_errback(self.stats.on_error)
                self.stats.queued += 1
