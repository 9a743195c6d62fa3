"""Self-checks of lesson 05 (the storage engine and time series)."""

from __future__ import annotations

from collections.abc import Mapping

from helpers.course.checks import Hint, exercise


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


NINETY_DAYS_S = 90 * 86_400
UNIT_SECONDS = {"MINUTES": 60, "HOURS": 3_600, "DAYS": 86_400}
TWCS = "org.apache.cassandra.db.compaction.TimeWindowCompactionStrategy"


def _twcs_table(unit: str, size: int, ttl: int = NINETY_DAYS_S) -> dict:
    """What system_schema.tables gives for a TWCS table with these options (the answer's shape)."""
    compaction = {
        "class": TWCS,
        "compaction_window_size": str(size),
        "compaction_window_unit": unit,
        "max_threshold": "32",
        "min_threshold": "4",
    }
    return {"default_time_to_live": ttl, "compaction": compaction}


@exercise(
    "05.2",
    wrong=[_twcs_table("DAYS", 1), _twcs_table("DAYS", 7), _twcs_table("DAYS", 3, ttl=0)],
    answer="a dict: default_time_to_live and compaction, as system_schema.tables has them",
    success="90 days in 20 to 50 windows: few SSTables to read, each dropped whole soon after its data expired.",
)
def twcs_windows(answer):
    """TWCS windows for a table whose readings live 90 days: 20 to 50 windows of live data."""
    if not isinstance(answer, Mapping) or not {"default_time_to_live", "compaction"} <= set(answer):
        raise Hint("Answer a dict with two keys, default_time_to_live and compaction, read from system_schema.tables.")
    if int(answer["default_time_to_live"]) != NINETY_DAYS_S:
        raise Hint("The table's default_time_to_live is in seconds: 90 days is 90 x 86,400.")
    compaction = dict(answer["compaction"])
    if not str(compaction.get("class", "")).endswith("TimeWindowCompactionStrategy"):
        raise Hint("Give the table compaction = {'class': 'TimeWindowCompactionStrategy', ...}.")
    unit = str(compaction.get("compaction_window_unit", "DAYS")).upper()
    size = int(compaction.get("compaction_window_size", 1))
    windows = NINETY_DAYS_S / (size * UNIT_SECONDS.get(unit, 86_400))
    if windows > 50:
        raise Hint(
            f"That makes {windows:,.0f} windows, so a read may touch that many SSTables: make each window longer."
        )
    if windows < 20:
        raise Hint(
            f"That makes {windows:,.1f} windows: each file is dropped only once its newest reading has expired "
            "(and the grace period passed), so data stays on disk past its TTL by up to a whole window. Make each "
            "window shorter."
        )


@exercise(
    "05.3",
    wrong=[(0, 50), (20, 50), (50, 0)],
    answer="a pair of numbers (live rows, tombstone cells)",
    success="the 20 rewritten readings are newer writes without a TTL; only the other 30 expired into tombstones.",
)
def expired_cells(answer):
    """(live rows, tombstone cells) read after 50 readings with a TTL, 20 of them written again without one."""
    live, tombstones = (int(x) for x in answer)
    if (live, tombstones) == (50, 0):
        raise Hint("Wait until the TTL has passed before reading (a TTL is in seconds).")
    if live != 20:
        raise Hint("A TTL belongs to each write: the second write of a reading carries none, and the newer write wins.")
    if tombstones != 30:
        raise Hint(
            "A newer write replaces the older cell (the memtable keeps the newer timestamp): the rewritten readings "
            "leave no expired cell behind. Which readings did expire?"
        )


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
