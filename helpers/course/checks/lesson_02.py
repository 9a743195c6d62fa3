"""Self-checks of lesson 02 (Kafka: the client API, replication, delivery guarantees)."""

from __future__ import annotations

import numbers
from functools import cache

import pandas as pd
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


def _count(value, what: str) -> int:
    """``value`` as a whole number, or a hint that says what ``what`` should be."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real | str):
        raise Hint(f"{what} is a number.")
    number = float(value)
    if number != int(number):
        raise Hint(f"{what} is a whole number.")
    return int(number)


@exercise(
    "02.1",
    answer="a number: how many tennet/wind readings are above 3,000 MW",
    wrong=[96, 960, lambda: int((_day()["value"] > 3000).sum())],
    success="a consumer without a group reads every partition, from where auto_offset_reset says; filtering is yours.",
)
def tennet_wind_above_3000(answer):
    """How many tennet/wind readings of 2016-06-21 are above 3,000 MW, counted by a consumer of nb02_generation."""
    count = _count(answer, "The answer")
    series = _series("tennet", "wind")
    if count == len(series) or count == len(_day()):
        raise Hint("Keep only the messages whose key is tennet/wind, then only the values above 3,000.")
    if count != int((series["value"] > 3000).sum()):
        raise Hint("Count the messages whose key is tennet/wind and whose value is above 3,000 MW (the day has 96).")


def _partition_of(key: bytes, partitions: int = 3) -> int:
    return (murmur2(key) & 0x7FFFFFFF) % partitions  # what the producer's DefaultPartitioner does


@exercise(
    "02.2",
    answer="a pair (partition, offset) of numbers, from the RecordMetadata of your send",
    wrong=[
        (0, 0),
        lambda: ((_partition_of(b"DE/solar") + 1) % 3, 200),
        lambda: (_partition_of(b"DE/solar"), 0),
    ],
    needs_sandbox=True,
    success="the RecordMetadata says where the broker stored it: the key's partition, at its next offset.",
)
def de_solar_lands_with_its_series(answer):
    """(partition, offset) of one more DE/solar message, from the send's RecordMetadata."""
    partition, offset = _count(answer[0], "The partition"), _count(answer[1], "The offset")
    if partition != _partition_of(b"DE/solar"):
        raise Hint(
            "The partition comes from the key's hash: it is the partition that holds the other DE/solar messages."
        )
    if offset < 96:
        raise Hint(
            "An offset counts the messages before it in its partition; that partition already holds whole series."
        )
    if offset != _last_offset("nb02_generation", partition):
        raise Hint("Take the offset from the RecordMetadata of your send: it is the newest message of that partition.")


def _last_offset(topic: str, partition: int) -> int:
    from kafka import KafkaConsumer, TopicPartition

    from helpers.endpoints import KAFKA_BOOTSTRAP

    consumer = KafkaConsumer(
        bootstrap_servers=KAFKA_BOOTSTRAP, request_timeout_ms=10_000, allow_auto_create_topics=False
    )
    try:
        where = TopicPartition(topic, partition)
        return consumer.end_offsets([where])[where] - 1
    finally:
        consumer.close()


def _evening_messages() -> int:
    """Messages of 2016-06-21 18:00 up to midnight: every series' readings of those six hours."""
    day = _day()
    return int((day["ts"] >= pd.Timestamp("2016-06-21 18:00", tz="UTC")).sum())


@exercise(
    "02.3",
    answer="a number: how many messages are stamped from 18:00 up to midnight",
    wrong=[960, 480, 720, 1200, lambda: _evening_messages() + 1, lambda: _evening_messages() // 10 * 4],
    success="offsets_for_times gives each partition's first offset at or after a time; seek there, read on.",
)
def evening_replay(answer):
    """Messages stamped 2016-06-21 18:00 up to midnight, read with offsets_for_times and seek."""
    count, evening = _count(answer, "The answer"), _evening_messages()
    if count == evening:
        return
    if count >= len(_day()):
        raise Hint(
            "That is the whole day (or more): seek every partition to the offset offsets_for_times gives for "
            "18:00 before you read, instead of reading from the beginning."
        )
    if evening < count < evening + 10:
        raise Hint(
            "A few too many: the topic also holds messages stamped 2016-06-22 (exercise 2 sent one). Count only "
            "the records whose timestamp is before midnight."
        )
    if count < evening and count % (evening // 10) == 0:
        raise Hint(
            "Whole series are missing: the series are spread over the partitions. Seek every partition, and read "
            "each one up to its end."
        )
    raise Hint(
        "Ask offsets_for_times for 18:00 (epoch milliseconds) on every partition, seek each partition to the offset "
        "it returns, read each one up to its end offset, and count the records stamped before 2016-06-22 00:00."
    )


@exercise(
    "02.4",
    answer=(
        "a dict {'replicas': the number of replicas of each partition, 'min.insync.replicas': a number, "
        "'brokers that may fail': a number}"
    ),
    wrong=[
        {"replicas": {0: [2, 3], 1: [3, 1], 2: [1, 2]}, "min.insync.replicas": 2, "brokers that may fail": 0},
        {"replicas": 3, "min.insync.replicas": 2, "brokers that may fail": 0},
        {"replicas": 3, "min.insync.replicas": 2, "brokers that may fail": 2},
        {"replicas": 2, "min.insync.replicas": 2, "brokers that may fail": 1},
        {"replicas": 2, "min.insync.replicas": 1, "brokers that may fail": 1},
        {"replicas": 3, "min.insync.replicas": 3, "brokers that may fail": 0},
    ],
    success="RF 3 with min.insync.replicas=2: one replica may be missing before acks='all' writes are refused.",
)
def replication_budget(answer):
    """What describe_topics and describe_configs say about nb02_ex4, and how many brokers acks='all' can lose."""
    if not isinstance(answer, dict):
        raise Hint("Answer a dict with the keys 'replicas', 'min.insync.replicas' and 'brokers that may fail'.")
    missing = [k for k in ("replicas", "min.insync.replicas", "brokers that may fail") if k not in answer]
    if missing:
        raise Hint(
            f"The dict needs the keys 'replicas', 'min.insync.replicas' and 'brokers that may fail'; "
            f"missing: {', '.join(map(repr, missing))}."
        )
    if isinstance(answer["replicas"], (dict, list, tuple, set)):
        raise Hint(
            "`replicas` is the number of replicas of each partition (how many brokers hold a copy of it, the "
            "length of a partition's replica_nodes), not the lists of brokers: every partition has as many."
        )
    replicas = _count(answer["replicas"], "`replicas` (how many replicas each partition has)")
    min_isr = _count(answer["min.insync.replicas"], "`min.insync.replicas`")
    may_fail = _count(answer["brokers that may fail"], "`brokers that may fail`")
    if replicas != 3:
        raise Hint("Count the replica_nodes of a partition of nb02_ex4: the replication factor you created it with.")
    if min_isr != 2:
        raise Hint("Read min.insync.replicas from describe_configs for the topic (ConfigResourceType.TOPIC).")
    if may_fail == replicas and replicas > min_isr:
        raise Hint(
            "With every replica gone nothing holds the messages. An acks='all' producer is refused before that: "
            "which of the two settings decides when?"
        )
    if may_fail != replicas - min_isr:
        raise Hint(
            "acks='all' does not wait for every replica of the partition, only for those in the ISR, and the "
            "broker refuses the send when the ISR is too small. Which setting says how small is too small, and "
            "how many brokers can go before the ISR gets there?"
        )


def _latest_values() -> dict[str, float]:
    day = _day()
    last = day.groupby(["region", "type"], observed=True)["value"].last()
    return {f"{region}/{kind}": float(value) for (region, kind), value in last.items()}


def _first_values() -> dict[str, float]:
    day = _day()
    first = day.groupby(["region", "type"], observed=True)["value"].first()
    return {f"{region}/{kind}": float(value) for (region, kind), value in first.items()}


def _table() -> dict[str, float]:
    """{key: latest value} of nb02_latest: the day's last values, then the DE/wind correction."""
    return {**_latest_values(), "DE/wind": 4400.0}


# The compacted log: the last message of each of the 10 keys of the closed segment keeps its offset
# (960 messages produced, so the first survivor is 950), then the correction in the active segment.
FIRST_SURVIVOR = 950
SURVIVORS = (10, 12)  # 11 after the lesson's cells: 10 closed + the correction (a rerun adds one)


def _compaction_seen(answer: dict) -> None:
    """How many messages survived compaction, and at which offset the first of them sits."""
    messages = _count(answer.get("messages"), "`messages` (how many messages you read)")
    first = _count(answer.get("first offset"), "`first offset` (the offset of the first message you read)")
    if messages > len(_day()):
        raise Hint(
            "That is every message ever produced: compaction has not run, or you counted what was sent. Read "
            "nb02_latest from the beginning after the log cleaner ran (the Predict cell waits for it)."
        )
    if not SURVIVORS[0] <= messages <= SURVIVORS[1]:
        raise Hint("Count the messages a consumer reading nb02_latest from the beginning gets, after compaction.")
    if first != FIRST_SURVIVOR:
        raise Hint(
            "Take the offset of the first message your consumer reads. Does compaction renumber the messages it keeps?"
        )


@exercise(
    "02.5",
    answer=("a dict {'messages': a number, 'first offset': a number, 'table': {key: latest value}}"),
    wrong=[
        lambda: {"messages": 11, "first offset": FIRST_SURVIVOR, "table": _first_values()},
        lambda: {"messages": 11, "first offset": FIRST_SURVIVOR, "table": _latest_values()},
        lambda: {"messages": 11, "first offset": FIRST_SURVIVOR, "table": {**_table(), "extra": 1.0}},
        lambda: {"messages": 961, "first offset": 0, "table": _table()},
        lambda: {"messages": 11, "first offset": 0, "table": _table()},
    ],
    success="compaction keeps the newest value per key; the offsets of the removed messages are gone for good.",
)
def table_from_the_compacted_topic(answer):
    """{key: latest value} read from nb02_latest from the beginning (the day, then the DE/wind correction)."""
    if not isinstance(answer, dict) or "table" not in answer:
        raise Hint("Answer a dict with the keys 'messages', 'first offset' and 'table'.")
    _compaction_seen(answer)
    answer = answer["table"]
    if not isinstance(answer, dict):
        raise Hint("`table` is a dict {key: latest value}: one entry per key of nb02_latest.")
    want = _table()
    if set(answer) != set(want):
        raise Hint("One entry per key of the topic, and only those: read every message from the beginning.")
    values = {k: float(v) for k, v in answer.items()}
    if values == _first_values():
        raise Hint("These are the first values of each key. Which value of a key does the table keep?")
    if values == _latest_values():
        raise Hint("The day's last readings, but one key received a later message after them: read to the end.")
    if values != want:
        raise Hint("For a key you read several times, which of its values belongs in the table?")


@exercise(
    "02.6",
    answer="a pair of numbers (messages a read_committed consumer reads, messages a read_uncommitted one reads)",
    wrong=[(7, 7), (2, 2), (2, 9), (7, 2)],
    success="read_committed skips the aborted transaction; read_uncommitted returns it too, markers never.",
)
def committed_and_uncommitted(answer):
    """(messages a read_committed consumer sees, messages a read_uncommitted consumer sees) in nb02_ex6."""
    committed, uncommitted = _count(answer[0], "The first number"), _count(answer[1], "The second number")
    if committed != 2:
        raise Hint("read_committed skips the records of aborted transactions: only the committed ones remain.")
    if uncommitted != 7:
        raise Hint(
            "read_uncommitted returns the aborted records too, but never the commit and abort markers, "
            "which take offsets and are not records."
        )


@exercise(
    "02.7",
    answer="a dict {'voters': a number, 'needed': a number}",
    wrong=[
        {"voters": 3, "needed": 3},
        {"voters": 3, "needed": 1},
        {"voters": 1, "needed": 1},
        {"voters": [1, 2, 3], "needed": 2},
        {"voters": 3, "needed": 1.5},
    ],
    success="a quorum of 3 voters needs 2: any two majorities share a voter, so no epoch can elect two leaders.",
)
def quorum(answer):
    """How many voters describe_metadata_quorum lists, and how many must be up for the quorum to work."""
    if isinstance(answer.get("voters"), (list, tuple, set, dict)):
        raise Hint("`voters` is a number: how many current_voters the quorum lists, not the voters themselves.")
    voters, needed = _count(answer["voters"], "`voters`"), _count(answer["needed"], "`needed`")
    if voters != 3:
        raise Hint("Count the current_voters of the __cluster_metadata partition that describe_metadata_quorum lists.")
    if needed >= voters:
        raise Hint(
            "If every voter had to be up, one controller down would stop every metadata change. Raft is made to "
            "survive failures: how few voters can still decide safely?"
        )
    if needed * 2 <= voters:
        raise Hint(
            "With that few, the voters cut off from each other by a network split could form two groups that "
            "both elect a leader. How many must agree so that two separate groups never can?"
        )
