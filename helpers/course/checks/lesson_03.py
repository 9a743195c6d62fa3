"""Self-checks of lesson 03 (streaming ingest: Kafka -> Cassandra, at least once, replays made safe)."""

from __future__ import annotations

import datetime as dt
import numbers
from functools import cache

from helpers.course.checks import Hint, exercise


def _count(value, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Real | str):
        raise Hint(f"{what} is a number.")
    return int(float(value))


# One more hour of every series (4 quarter hours x 10 series), polled and not yet committed.
LAG_BEFORE_COMMIT = 4 * 10


@exercise(
    "03.1",
    answer="a dict {'rows': the count of DE/solar rows, 'lag': the group's lag before the commit}",
    wrong=[
        {"rows": 960, "lag": LAG_BEFORE_COMMIT},
        {"rows": 96, "lag": 0},
        {"rows": 96, "lag": 1080},
        {"rows": 96, "lag": 1},
    ],
    success="the lag counts what the group holds uncommitted: the hour's 40 messages, until the commit.",
)
def rows_and_lag(answer):
    """{rows of DE/solar on 2016-06-21 in nb03_stream.generation, the lag of nb03_by_hand holding one more hour}."""
    if not isinstance(answer, dict) or not {"rows", "lag"} <= set(answer):
        raise Hint("Answer a dict with the keys 'rows' and 'lag'.")
    rows, lag = _count(answer["rows"], "`rows`"), _count(answer["lag"], "`lag`")
    if rows != 96:
        raise Hint(
            "Count the rows of one partition: WHERE region = 'DE' AND type = 'solar' (one day of quarter hours)."
        )
    if lag == LAG_BEFORE_COMMIT:
        return
    if lag == 0:
        raise Hint(
            "Zero is the lag once the offsets are committed, or of a consumer compared with its own position. "
            "Compute it while your consumer holds the polled messages uncommitted: end_offsets minus committed()."
        )
    if lag > 500:
        raise Hint("That counts the whole topic: subtract the offset the group has committed, partition by partition.")
    raise Hint("Lag is the end offset minus the committed offset, summed over the partitions.")


def _correction_timestamp_us() -> int:
    from kafka import KafkaConsumer, TopicPartition

    from helpers.endpoints import KAFKA_BOOTSTRAP

    reader = KafkaConsumer(bootstrap_servers=KAFKA_BOOTSTRAP, enable_auto_commit=False, allow_auto_create_topics=False)
    try:
        tp = TopicPartition("nb03_corrections", 0)
        reader.assign([tp])
        reader.seek_to_beginning(tp)
        records = reader.poll(timeout_ms=5000).get(tp, [])
        corrections = [r for r in records if r.key == b"correction"]
        if not corrections:
            raise Hint("nb03_corrections holds no correction yet: run section 2's cells before this exercise.")
        return corrections[-1].timestamp * 1000
    finally:
        reader.close()


@exercise(
    "03.2",
    answer="a number: the WRITETIME of the value, in microseconds",
    wrong=[0, 1466510400000000, lambda: int(dt.datetime.now(dt.UTC).timestamp() * 1e6)],
    needs_sandbox=True,
    success="the write time is the correction's Kafka timestamp (ms x 1000): older replays cannot undo it.",
)
def writetime_is_the_corrections(answer):
    """WRITETIME(value) of DE/solar 2016-06-21 12:00 in nb03_stream.with_ts."""
    if _count(answer, "WRITETIME") != _correction_timestamp_us():
        raise Hint(
            "SELECT WRITETIME(value) for that row in the table written USING TIMESTAMP: it is the Kafka "
            "timestamp of the message whose value is stored, in microseconds."
        )


@cache
def _peak():
    from helpers.data import generate

    day = generate("2016-06-22", "2016-06-23")
    solar = day[(day["region"] == "DE") & (day["type"] == "solar")]
    return solar.loc[solar["value"].idxmax(), "ts"].to_pydatetime()


@exercise(
    "03.3",
    wrong=[
        lambda: _peak() - dt.timedelta(hours=1),
        dt.datetime(2016, 6, 22, 12, tzinfo=dt.UTC),
        lambda: _peak().replace(tzinfo=None) + dt.timedelta(hours=2),
    ],
    answer="a datetime: the ts of the quarter hour with the highest value, as the driver returns it",
    success="one partition, a range on its clustering column: each replica asked reads that day's 96 rows, no more.",
)
def solar_peak(answer):
    """The quarter hour of 2016-06-22 with the highest DE/solar value, found with CQL in the ingested table."""
    if not isinstance(answer, dt.datetime):
        raise Hint("Answer the ts of that row as the driver returns it: a datetime, not a string or a number.")
    found = answer if answer.tzinfo else answer.replace(tzinfo=dt.UTC)
    if found != _peak():
        raise Hint(
            "Select ts and value of the partition ('DE', 'solar') for that day (a range on ts) and take the row "
            "with the largest value; the driver returns ts in UTC without a time zone."
        )


def _around_the_dead_letter() -> list[str]:
    """The keys of the message of nb03_generation that the last dead letter keyed 'negative' came from and of the
    message just before it in its partition, oldest first."""
    from kafka import KafkaConsumer, TopicPartition

    from helpers.endpoints import KAFKA_BOOTSTRAP
    from helpers.ingest.deadletter import dead_letter_topic

    reader = KafkaConsumer(
        bootstrap_servers=KAFKA_BOOTSTRAP,
        enable_auto_commit=False,
        request_timeout_ms=10_000,
        allow_auto_create_topics=False,
    )
    try:
        letters = dead_letter_topic("nb03_generation")
        partitions = [TopicPartition(letters, p) for p in sorted(reader.partitions_for_topic(letters) or [])]
        negative = None
        if partitions:
            negative = _last_keyed(reader, partitions, b"negative")
        if negative is None:
            raise Hint("No dead letter keyed 'negative' yet: run the cells of section 4 before this exercise.")
        headers = {key: value.decode() for key, value in negative.headers}
        source = TopicPartition(headers["dlq.source.topic"], int(headers["dlq.source.partition"]))
        return [record.key.decode() for record in _records_from(reader, source, int(headers["dlq.source.offset"]) - 1)]
    finally:
        reader.close()


def _last_keyed(reader, partitions, key: bytes):
    reader.assign(partitions)
    reader.seek_to_beginning(*partitions)
    ends, found = reader.end_offsets(partitions), None
    while any(reader.position(tp) < ends[tp] for tp in partitions):
        for records in reader.poll(timeout_ms=1000).values():
            found = next((r for r in reversed(records) if r.key == key), found)
    return found


def _records_from(reader, where, offset: int, count: int = 2) -> list:
    reader.assign([where])
    reader.seek(where, offset)
    found = []
    for _ in range(10):
        found += reader.poll(timeout_ms=1000, max_records=count - len(found)).get(where, [])
        if len(found) == count:
            return found
    raise Hint("The messages the dead letter points to could not be read back: is nb03_generation still there?")


@exercise(
    "03.4",
    answer="a list of two strings: the keys of the message before the original and of the original, oldest first",
    wrong=["negative", ["negative"], [None, "negative"], ["negative", "DE/wind"]],
    needs_sandbox=True,
    success="a dead letter says where its original sits; seek there to see what came around it.",
)
def keys_around_the_dead_letter(answer):
    """The keys of the message behind dead letter 'negative' and of the one before it, read from nb03_generation."""
    if not isinstance(answer, (list, tuple)) or len(answer) != 2:
        raise Hint(
            "Answer a list of two keys: the message just before the original in its partition, then the original."
        )
    if [key.decode() if isinstance(key, bytes) else key for key in answer] != _around_the_dead_letter():
        raise Hint(
            "Seek to dlq.source.offset minus one in partition dlq.source.partition (the dead letter's headers) and "
            "read two messages: the dead-letter topic cannot tell what came just before the bad one."
        )
