"""Self-checks of lesson 05 (the storage engine and time series)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from helpers.course.checks import Hint, exercise

WEEK_US = 7 * 86_400 * 1_000_000
UCS = "org.apache.cassandra.db.compaction.UnifiedCompactionStrategy"


@exercise(
    "05.1",
    wrong=[(0, 2.0), (2, 2.0), (1, 1.0)],
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
    success="7-day windows count from 1 January 1970, a Thursday.",
)
def twcs_window(answer):
    """The first day of the TWCS window (7 days, aligned to 1970-01-01) of a cell written at its event time."""
    expected = _window_start(dt.datetime(2016, 3, 1, 12, tzinfo=dt.UTC))
    if not isinstance(answer, dt.date):
        raise Hint("Answer with a datetime.date (e.g. pandas' Timestamp(...).date()).")
    if answer == dt.date(2016, 2, 29):
        raise Hint("That is the Monday: TWCS windows are not calendar weeks. They count from 1970-01-01.")
    if answer != expected:
        raise Hint("Window start = WRITETIME (µs since 1970) rounded down to a multiple of 7 days in µs.")


@exercise(
    "05.3",
    wrong=[(50, 0), (0, 0), (0, 100)],
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
    success="one range tombstone (its two bounds) instead of one tombstone per row.",
)
def range_delete(answer):
    """Tombstone cells read to find meter-000004's oldest remaining reading after one range delete."""
    tombstones = int(answer)
    if tombstones == 0:
        raise Hint("No tombstone at all: did the range delete run before the read?")
    if tombstones > 2:
        raise Hint("That is one tombstone per row. Delete all the old rows with a single DELETE and a range on ts.")


@exercise(
    "05.5",
    wrong=[
        {"class": UCS, "scaling_parameters": "T4"},
        {
            "class": "org.apache.cassandra.db.compaction.SizeTieredCompactionStrategy",
            "max_threshold": "32",
            "min_threshold": "4",
        },
        "L10",
    ],
    success="UCS in levelled mode: L10 means a fan-out of ten per level, like LeveledCompactionStrategy.",
)
def levelled_ucs(answer):
    """The compaction options of generation_levelled, as system_schema.tables has them."""
    if not isinstance(answer, Mapping):
        raise Hint("Read the whole `compaction` column of system_schema.tables: it is a map (a dict).")
    if answer.get("class") not in (UCS, "UnifiedCompactionStrategy"):
        raise Hint("The table's compaction class is not UnifiedCompactionStrategy: check the WITH compaction = {...}.")
    if answer.get("scaling_parameters") != "L10":
        raise Hint("UCS is tiered unless told otherwise: set scaling_parameters for the levelled mode asked for.")
