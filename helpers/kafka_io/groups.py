"""Consumers of one group side by side, each in its own thread, to watch Kafka share partitions.

members = [GroupMember(topic, "dashboard").start() for _ in range(2)]
wait_until_assigned(members, partitions=3)    # the group has settled: who reads what
... produce ...
for m in members: m.stop()
"""

from __future__ import annotations

from helpers.common.background import Background
from helpers.common.waiting import wait_until
from helpers.kafka_io.clients import consumer


class GroupMember(Background):
    """One consumer of group ``group`` in a thread; it reads from the end of the log on.

    ``partitions`` is what the group gave it (positions resolved), ``received`` what it read:
    (partition, offset, key) tuples.
    """

    def __init__(self, topic: str, group: str):
        super().__init__()
        self.topic, self.group = topic, group
        self.partitions: list[int] = []
        self.received: list[tuple[int, int, str]] = []
        self.stats = self.received

    def run(self) -> None:
        reader = consumer(self.topic, group=self.group, from_beginning=False)
        try:
            while not self._stop.is_set():
                for records in reader.poll(timeout_ms=100).values():
                    self.received += [(r.partition, r.offset, r.key.decode()) for r in records]
                assigned = sorted(reader.assignment())
                for tp in assigned:
                    reader.position(tp)  # where it starts reading, resolved before it counts as ready
                self.partitions = [tp.partition for tp in assigned]
        finally:
            reader.close(autocommit=False)


def wait_until_assigned(members: list[GroupMember], partitions: int, timeout_s: float = 60.0) -> None:
    """Wait until every member holds at least one partition and together they hold all ``partitions``."""

    def settled() -> bool:
        for member in members:
            member.join(0)  # re-raises a member's error
        held = sorted(p for m in members for p in m.partitions)
        return held == list(range(partitions)) and all(m.partitions for m in members)

    wait_until(settled, timeout_s, "the group to settle", 0.1, hint=lambda: f"Held: {[m.partitions for m in members]}")
