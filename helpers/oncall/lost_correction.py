"""Incident "lost-correction": the ingest stored each reading USING TIMESTAMP of its Kafka message; the operators'
correction tool, on a machine whose clock is an hour behind, writes USING TIMESTAMP of its own clock. Its
corrections carry older write times than the values they correct, and Cassandra keeps the write with the
newest timestamp, whatever arrives last: the corrections are acknowledged and lost. Repaired when the three
corrected readings hold the operators' values (a write with a timestamp newer than the stored one). Sending
them again from the same tool changes nothing; deleting the rows first loses them, since the delete, stamped
now, is newer than the tool's writes."""

from __future__ import annotations

import datetime as dt

from cassandra import ConsistencyLevel
from cassandra.concurrent import execute_concurrent_with_args

from helpers.cassandra_io.schema import create_generation_table
from helpers.cassandra_io.sessions import connect
from helpers.oncall.incident import Incident, drop_keyspace, keyspace_exists, register

KEYSPACE = "nb11_corrections"
DAY = dt.datetime(2016, 10, 18)
INGESTED_AT = dt.datetime(2026, 12, 1, 8, 0, tzinfo=dt.UTC)
"""The Kafka time of the readings, which the ingest wrote as their write time."""
TOOL_CLOCK_BEHIND = dt.timedelta(hours=1)
SENT_AT = INGESTED_AT + dt.timedelta(minutes=30)
"""When the operators sent their corrections; the tool's clock said an hour less."""
CORRECTIONS = {
    DAY.replace(hour=12): 8120.0,
    DAY.replace(hour=12, minute=15): 8040.0,
    DAY.replace(hour=12, minute=30): 7990.0,
}


def microseconds(when: dt.datetime) -> int:
    return int(when.timestamp() * 1_000_000)


def original(k: int) -> float:
    return 9000.0 + 10.0 * k


def correction_statement(ts: dt.datetime, value: float) -> str:
    """The CQL the correction tool sends for one reading, stamped with its own clock."""
    stamp = microseconds(SENT_AT - TOOL_CLOCK_BEHIND)
    return (
        f"UPDATE {KEYSPACE}.generation USING TIMESTAMP {stamp} SET value = {value} "
        f"WHERE region = 'DE' AND type = 'wind' AND ts = '{ts:%Y-%m-%d %H:%M}+0000'"
    )


def send_corrections() -> list[str]:
    """The correction tool: sends the three corrections; returns its log (each statement, and 'applied')."""
    session = connect()
    try:
        log = []
        for ts, value in CORRECTIONS.items():
            session.execute(correction_statement(ts, value))
            log.append(f"{correction_statement(ts, value)}: applied")
        return log
    finally:
        session.cluster.shutdown()


def inject() -> list[str]:
    session = connect()
    try:
        create_generation_table(session, KEYSPACE)
        insert = session.prepare(
            f"INSERT INTO {KEYSPACE}.generation (region, type, ts, value) VALUES (?, ?, ?, ?) USING TIMESTAMP ?"
        )
        rows = [
            ("DE", "wind", DAY + dt.timedelta(minutes=15 * k), original(k), microseconds(INGESTED_AT))
            for k in range(96)
        ]
        execute_concurrent_with_args(session, insert, rows, concurrency=50, raise_on_first_error=True)
    finally:
        session.cluster.shutdown()
    return [f"correction tool, {SENT_AT:%Y-%m-%d %H:%M} UTC: {line}" for line in send_corrections()]


def stored() -> dict[dt.datetime, float | None]:
    """{ts: value} of the day's DE wind, read at QUORUM."""
    session = connect(consistency=ConsistencyLevel.QUORUM)
    try:
        rows = session.execute(
            f"SELECT ts, value FROM {KEYSPACE}.generation WHERE region = 'DE' AND type = 'wind' "
            "AND ts >= %s AND ts < %s",
            (DAY, DAY + dt.timedelta(days=1)),
        )
        return {row.ts: row.value for row in rows}
    finally:
        session.cluster.shutdown()


def problems(evidence) -> list[str]:
    values = stored()
    for ts, corrected in CORRECTIONS.items():
        if values.get(ts) is None:
            return [
                f"the reading of {ts:%H:%M} is gone: a delete stamped later than the writes that followed it "
                "hides them."
            ]
        if values[ts] != corrected:
            return [f"the reading of {ts:%H:%M} still holds {values[ts]}, not the operators' correction."]
    if len(values) != 96:
        return [f"the day holds {len(values)} readings, not 96: only the three corrections were to change."]
    if list(evidence) != [values[ts] for ts in CORRECTIONS]:
        return ["the values you give are not what the table holds now: read the three readings again after your fix."]
    return []


def reset() -> None:
    drop_keyspace(KEYSPACE)


register(
    Incident(
        key="lost-correction",
        pager=(
            "operators: at 08:30 UTC we corrected DE wind on 18 October 2016, 12:00 to 12:30. The tool said "
            "'applied', and the dashboard still shows the old values."
        ),
        causes={
            "A": (
                "the corrections were written at consistency ONE, and the dashboard reads a replica that missed them"
            ),
            "B": ("the tool's clock is behind: its writes are stamped older than the values they correct, and lose"),
            "C": ("the dashboard caches the values it read before the correction and has not refreshed them since"),
            "D": ("the corrections went to another table, with the same columns, that the dashboard does not read"),
            "E": ("a TTL on the corrections' writes expired them before the dashboard read the table again"),
        },
        component="writer",
        cause="B",
        component_hint=(
            "Read the three readings yourself, at QUORUM: do the servers hold the old values? Then the question is "
            "who wrote what, and when."
        ),
        cause_hint=(
            "Every replica answers the same old values. Ask each value's write time (WRITETIME(value)) and compare "
            "it with the tool's statements."
        ),
        inject=inject,
        problems=problems,
        reset=reset,
        present=lambda: keyspace_exists(KEYSPACE),
    )
)
