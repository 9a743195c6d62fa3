"""Self-checks of lesson 02 (Kafka: the client API, replication, delivery guarantees)."""

from __future__ import annotations

from functools import cache

from kafka.partitioner.default import murmur2

from helpers.course.checks import Hint, exercise

DAY = ("2016-06-21", "2016-06-22")


@cache
def _day():
    from helpers.data import generate

    return generate(*DAY)


def _series(region: str, kind: str):
    day = _day()
    return day[(day["region"] == region) & (day["type"] == kind)]


@exercise("02.1", wrong=[96, 960, lambda: int((_day()["value"] > 3000).sum())])
def tennet_wind_above_3000(answer):
    """How many tennet/wind readings of 2016-06-21 are above 3,000 MW, counted by a consumer of nb02_generation."""
    series = _series("tennet", "wind")
    if int(answer) == len(series) or int(answer) == len(_day()):
        raise Hint("Keep only the messages whose key is tennet/wind, then only the values above 3,000.")
    if int(answer) != int((series["value"] > 3000).sum()):
        raise Hint("Count the messages whose key is tennet/wind and whose value is above 3,000 MW (the day has 96).")


def _partition_of(key: bytes, partitions: int = 3) -> int:
    return (murmur2(key) & 0x7FFFFFFF) % partitions  # what the producer's DefaultPartitioner does


@exercise(
    "02.2", wrong=[(0, 0), lambda: ((_partition_of(b"DE/solar") + 1) % 3, 200), lambda: (_partition_of(b"DE/solar"), 0)]
)
def de_solar_lands_with_its_series(answer):
    """(partition, offset) of one more DE/solar message, from the send's RecordMetadata."""
    partition, offset = int(answer[0]), int(answer[1])
    if partition != _partition_of(b"DE/solar"):
        raise Hint(
            "The partition comes from the key's hash: it is the partition that holds the other DE/solar messages."
        )
    if offset < 96:
        raise Hint(
            "An offset counts the messages before it in its partition; that partition already holds whole series."
        )


@exercise("02.3", wrong=[960, 480, 720, 1200])
def evening_replay(answer):
    """Messages stamped 2016-06-21 18:00 up to midnight, read with offsets_for_times and seek."""
    if int(answer) != 240:
        raise Hint(
            "Seek every partition to the offset offsets_for_times gives for 18:00, and stop at the first "
            "message stamped 2016-06-22 or later (6 hours x 4 quarter hours x 10 series)."
        )


@exercise(
    "02.4",
    wrong=[
        {"replicas": 3, "min.insync.replicas": 2, "brokers that may fail": 1},
        {"replicas": 2, "min.insync.replicas": 2, "brokers that may fail": 1},
        {"replicas": 2, "min.insync.replicas": 1, "brokers that may fail": 1},
    ],
)
def replication_budget(answer):
    """What describe_topics and describe_configs say about nb02_ex4 (RF 2, min.insync.replicas 2)."""
    if int(answer["replicas"]) != 2:
        raise Hint("Count the replica_nodes of a partition of nb02_ex4: the replication factor you created it with.")
    if int(answer["min.insync.replicas"]) != 2:
        raise Hint("Read min.insync.replicas from describe_configs for the topic (ConfigResourceType.TOPIC).")
    if int(answer["brokers that may fail"]) != 0:
        raise Hint("acks=all needs min.insync.replicas replicas in the ISR; how many of the 2 may be missing?")


def _latest_values() -> dict[str, float]:
    day = _day()
    last = day.groupby(["region", "type"], observed=True)["value"].last()
    return {f"{region}/{kind}": float(value) for (region, kind), value in last.items()}


def _first_values() -> dict[str, float]:
    day = _day()
    first = day.groupby(["region", "type"], observed=True)["value"].first()
    return {f"{region}/{kind}": float(value) for (region, kind), value in first.items()}


@exercise("02.5", wrong=[_first_values, _latest_values, lambda: {**_latest_values(), "DE/solar": 0.0, "extra": 1.0}])
def table_from_the_compacted_topic(answer):
    """{key: latest value} read from nb02_latest from the beginning (the day, then the DE/wind correction)."""
    want = {**_latest_values(), "DE/wind": 4400.0}
    if set(answer) != set(want):
        raise Hint("One entry per key: read every message from the beginning and keep the last value of each key.")
    if {k: float(v) for k, v in answer.items()} != want:
        raise Hint("A later message of the same key replaces the earlier value: keep the last one you read per key.")


@exercise("02.6", wrong=[(7, 7), (2, 2), (2, 9), (7, 2)])
def committed_and_uncommitted(answer):
    """(messages a read_committed consumer sees, messages a read_uncommitted consumer sees) in nb02_ex6."""
    committed, uncommitted = int(answer[0]), int(answer[1])
    if committed != 2:
        raise Hint("read_committed skips the records of aborted transactions: only the committed ones remain.")
    if uncommitted != 7:
        raise Hint(
            "read_uncommitted returns the aborted records too, but never the commit and abort markers, "
            "which take offsets and are not records."
        )


@exercise("02.7", wrong=[{"voters": 3, "needed": 3}, {"voters": 3, "needed": 1}, {"voters": 1, "needed": 1}])
def quorum(answer):
    """How many voters describe_metadata_quorum lists, and how many must be up for the quorum to work."""
    if int(answer["voters"]) != 3:
        raise Hint("Count the current_voters of the __cluster_metadata partition.")
    if int(answer["needed"]) != 2:
        raise Hint("A Raft quorum needs a majority of its voters to elect a leader and commit a record.")
