"""Self-checks of lesson 03 (streaming ingest: Kafka -> Cassandra, at least once, replays made safe)."""

from __future__ import annotations

import datetime as dt
from functools import cache

from helpers.course.checks import Hint, exercise


@exercise("03.1", wrong=[(960, 0), (96, 960), (96, 1)])
def rows_and_lag(answer):
    """(rows of DE/solar in nb03_stream.generation, the lag of group nb03_by_hand) after the loop of section 1."""
    rows, lag = int(answer[0]), int(answer[1])
    if rows != 96:
        raise Hint(
            "Count the rows of one partition: WHERE region = 'DE' AND type = 'solar' (one day of quarter hours)."
        )
    if lag != 0:
        raise Hint("Lag is the log end offset minus the committed offset, summed over the partitions.")


CORRECTION_US = "the correction's Kafka timestamp in microseconds"


def _correction_timestamp_us() -> int:
    from kafka import KafkaConsumer, TopicPartition

    from helpers.endpoints import KAFKA_BOOTSTRAP

    reader = KafkaConsumer(bootstrap_servers=KAFKA_BOOTSTRAP, enable_auto_commit=False)
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
    "03.2", wrong=[0, 1466510400000000, lambda: int(dt.datetime.now(dt.UTC).timestamp() * 1e6)], needs_sandbox=True
)
def writetime_is_the_corrections(answer):
    """WRITETIME(value) of DE/solar 2016-06-21 12:00 in nb03_stream.with_ts."""
    if int(answer) != _correction_timestamp_us():
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


@exercise(
    "03.4",
    wrong=[15000.0, "negative", {"value": -3.0}],
)
def original_of_the_dead_letter(answer):
    """The value field of the original message behind dead letter 'negative', read from nb03_generation."""
    if not isinstance(answer, float):
        raise Hint("Answer the number in the original message's 'value' field (json.loads it).")
    if answer != -3.0:
        raise Hint(
            "Seek to dlq.source.partition and dlq.source.offset from the dead letter's headers and read one message."
        )
