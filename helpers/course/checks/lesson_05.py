"""Self-checks of lesson 05 (the storage engine and time series)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from helpers.course.checks import Hint, exercise

WEEK_US = 7 * 86_400 * 1_000_000


@exercise(
    "05.1",
    wrong=[(0, 2.0), (2, 2.0), (1, 1.0)],
    answer="a pair (SSTables merged, value): a number and the value read",
    success="one SSTable (the flushed first write) merged with the memtable; the newer write wins.",
)
def merged_read(answer):
    """(SSTables merged, value) for meter-000777 written, flushed, overwritten and read."""
    merged, value = int(answer[0]), float(answer[1])
    if value != 2.0:
        raise Hint("Both versions are there, in the SSTable and in the memtable. Which write timestamp wins?")
    if merged != 1:
        raise Hint(
            "Count the SSTables the trace says were merged for this key: the older SSTables never held it, "
            "and their bloom filters say so."
        )


def _window_start(event: dt.datetime) -> dt.date:
    micros = int(event.timestamp() * 1_000_000)
    start = micros // WEEK_US * WEEK_US
    return dt.datetime.fromtimestamp(start / 1_000_000, tz=dt.UTC).date()


@exercise(
    "05.2",
    wrong=[dt.date(2016, 2, 29), dt.date(2016, 3, 1), dt.date(2016, 3, 3)],
    answer="a datetime.date: the first day of the window",
    success="7-day windows count from 1 January 1970, a Thursday.",
)
def twcs_window(answer):
    """The first day of the TWCS window (7 days, aligned to 1970-01-01) of a cell written at its event time."""
    expected = _window_start(dt.datetime(2016, 3, 1, 12, tzinfo=dt.UTC))
    if isinstance(answer, dt.datetime) or not isinstance(answer, dt.date):
        raise Hint("Answer with a datetime.date, the day alone (e.g. .date() of a datetime or a pandas Timestamp).")
    if answer == dt.date(2016, 2, 29):
        raise Hint("That is the Monday: TWCS windows are not calendar weeks. They count from 1970-01-01.")
    if answer != expected:
        raise Hint("Window start = WRITETIME (µs since 1970) rounded down to a multiple of 7 days in µs.")


@exercise(
    "05.3",
    wrong=[(50, 0), (0, 0), (0, 100)],
    answer="a pair of numbers (live rows, tombstone cells)",
    success="each expired reading is one tombstone cell until gc_grace_seconds has passed.",
)
def expired_cells(answer):
    """(live rows, tombstone cells) read for 50 expired readings in a table with the default gc_grace_seconds."""
    live, tombstones = (int(x) for x in answer)
    if live != 0:
        raise Hint("Wait until the TTL has passed before reading (a TTL is in seconds).")
    if tombstones != 50:
        raise Hint("Read the replica's 'Read N live rows and M tombstone cells' event of the trace.")


@exercise(
    "05.4",
    wrong=[11990, 12000, 0],
    answer="a number: the tombstone cells the replica read",
    success="one range tombstone (its two bounds) instead of one tombstone per row.",
)
def range_delete(answer):
    """Tombstone cells read to find meter-000004's oldest remaining reading after one range delete."""
    tombstones = int(answer)
    if tombstones == 0:
        raise Hint("No tombstone at all: did the range delete run before the read?")
    if tombstones > 2:
        raise Hint("That is one tombstone per row. Delete all the old rows with a single DELETE and a range on ts.")


# Exercise 5: a compaction strategy for each of four workloads (the cassandra review, §2).
CHOICES = {"meter_minutes": "TWCS", "corrections": "UCS", "dashboard_5min": "TWCS", "history": "UCS"}
STRATEGY_NAMES = {
    "twcs": "TWCS",
    "timewindowcompactionstrategy": "TWCS",
    "ucs": "UCS",
    "unifiedcompactionstrategy": "UCS",
}


def _choices(answer: Mapping) -> str:
    if set(answer) != set(CHOICES):
        raise Hint(f"Choose for each of the four tables: {', '.join(CHOICES)}.")
    chosen = {table: STRATEGY_NAMES.get(str(name).rsplit(".", 1)[-1].casefold()) for table, name in answer.items()}
    if None in chosen.values():
        raise Hint("Answer each table with 'TWCS' or 'UCS'.")
    if len(set(chosen.values())) == 1:
        raise Hint("One strategy for everything? Compare how each table's data arrives, is read and goes away.")
    for table, strategy in CHOICES.items():
        if chosen[table] != strategy:
            raise Hint(
                f"Look again at {table}: does its data arrive in time order, get read by recent time ranges and "
                "leave by TTL, so that whole time windows can expire as files? Or is it rewritten or read across "
                "all of history?"
            )
    return "TWCS where whole time windows expire as files; UCS where data is rewritten or read across history."


@exercise(
    "05.5",
    answer="a dict {table: 'TWCS' or 'UCS'} for the four tables of the exercise",
    wrong=[
        {table: "UCS" for table in CHOICES},
        {table: "TWCS" for table in CHOICES},
        {**CHOICES, "meter_minutes": "UCS"},
        {**CHOICES, "corrections": "TWCS"},
        {**CHOICES, "history": "TWCS"},
        {"class": "UnifiedCompactionStrategy", "scaling_parameters": "L10"},
    ],
)
def strategy_per_workload(answer):
    """TWCS or UCS for meter_minutes, corrections, dashboard_5min and history, as the lesson's rule chooses."""
    if not isinstance(answer, Mapping):
        raise Hint(f"Answer a dict with one entry per table: {', '.join(CHOICES)}.")
    return _choices(answer)
