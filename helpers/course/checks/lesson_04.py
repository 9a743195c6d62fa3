"""Self-checks of lesson 04 (Cassandra data modelling).

The lesson loads January 2016 of the embedded data set and two weeks of one meter's one-minute
readings; both are deterministic, so the checks recompute the expected answers from the generator.
"""

from __future__ import annotations

import numbers
from functools import cache

import pandas as pd

from helpers.course.checks import Hint, exercise

AREAS = ("50hertz", "amprion", "tennet", "transnetbw")
REGIONS = ("DE", *AREAS)


@cache
def _january() -> pd.DataFrame:
    from helpers.data import generate

    frame = generate("2016-01-01", "2016-02-01")
    return frame.assign(region=frame["region"].astype(str), type=frame["type"].astype(str))


def _values_at(when: str, kind: str = "wind") -> dict[str, float]:
    rows = _january()[(_january()["ts"] == pd.Timestamp(when, tz="UTC")) & (_january()["type"] == kind)]
    return dict(zip(rows["region"], rows["value"]))


def _same_values(answer: dict, expected: dict) -> bool:
    return set(answer) == set(expected) and all(abs(float(answer[r]) - expected[r]) < 0.05 for r in expected)


@exercise(
    "04.1",
    wrong=[
        lambda: _values_at("2016-01-01 00:00"),
        lambda: {r: v for r, v in _values_at("2016-01-31 23:45").items() if r != "DE"},
        lambda: _values_at("2016-01-31 23:45", "solar"),
    ],
    answer="a dict {region: value} with the five regions",
    success="IN on the partition key, PER PARTITION LIMIT 1: the first row of each partition is its newest.",
)
def latest_wind_per_region(answer):
    """{region: value} of the newest wind reading of each of the five regions."""
    expected = _values_at("2016-01-31 23:45")
    if set(answer) != set(REGIONS):
        raise Hint("One value per region: DE and the four control areas. Name all five partitions in the query.")
    if _same_values(answer, _values_at("2016-01-01 00:00")):
        raise Hint("These are the oldest readings. In which order are the rows of a partition stored?")
    if not _same_values(answer, expected):
        raise Hint("Check the type, and that the query keeps only the first row of each partition.")


def _solar_above_5000_on_the_15th() -> int:
    day = _january()[
        (_january()["region"] == "DE")
        & (_january()["type"] == "solar")
        & (_january()["ts"] >= pd.Timestamp("2016-01-15", tz="UTC"))
        & (_january()["ts"] < pd.Timestamp("2016-01-16", tz="UTC"))
    ]
    return int((day["value"] > 5000).sum())


@exercise(
    "04.2",
    wrong=[
        lambda: (_solar_above_5000_on_the_15th(), 2976),
        lambda: (_solar_above_5000_on_the_15th(), 29760),
        (0, 0),
    ],
    answer="a pair of numbers (rows returned, rows read)",
    success="a range on the clustering column bounds what the replica reads, whatever the filter on value.",
)
def one_day_of_one_partition(answer):
    """(rows returned, rows read): DE solar above 5,000 MW on 15 January, reading at most that day."""
    returned, read = (int(x) for x in answer)
    expected = _solar_above_5000_on_the_15th()
    if returned != expected:
        raise Hint("Count the rows again: DE solar, the whole UTC day of 15 January, and value > 5000.")
    if read > 96:
        raise Hint(
            "The replicas read more than one day. Which column bounds a slice of the partition? Restrict it too."
        )
    if read < returned:
        raise Hint("A replica cannot return more rows than it read: take 'rows read' from the query's trace.")


def _bucket_weeks() -> list:
    """The `week` of every partition of nb04_model.meter_by_week, as stored."""
    from cassandra import InvalidRequest

    from helpers.cassandra_io.sessions import connect

    session = connect()
    try:
        rows = session.execute("SELECT DISTINCT meter_id, week FROM nb04_model.meter_by_week")
        return [row.week for row in rows]
    except InvalidRequest:
        raise Hint(
            "The check reads the `week` of each partition of nb04_model.meter_by_week, and found no such table "
            "or column: create and load it as the exercise says."
        ) from None
    finally:
        session.cluster.shutdown()


def _as_date(value):
    return value.date() if hasattr(value, "date") and callable(value.date) else value


@exercise(
    "04.3",
    answer="a pair of numbers (partitions, rows in the largest)",
    wrong=[(14, 1440), (1, 20160), (2, 10080), (3, 5760), (3, 7200)],
    needs_sandbox=True,
    success="a week that starts on a Monday cuts the two weeks from Friday 1 January into three buckets.",
)
def weekly_buckets(answer):
    """(partitions, rows in the largest) of meter_by_week after loading 14 days of one-minute readings."""
    partitions, largest = (int(x) for x in answer)
    if partitions == 14:
        raise Hint("That is one partition per day: the bucket column should hold the Monday of each reading's week.")
    if partitions != 3:
        raise Hint("1 January 2016 was a Friday. Which Mondays start the weeks that 1-14 January touch?")
    if largest != 7 * 1440:
        raise Hint("Count the rows of each partition (count(*) with the full partition key); take the largest.")
    weeks = [_as_date(week) for week in _bucket_weeks()]  # (3, 10080) also comes from Sunday or Thursday weeks
    if not all(hasattr(week, "weekday") for week in weeks):
        raise Hint("`week` is a date, the Monday that starts the reading's week, not a week number.")
    if not all(week.weekday() == 0 for week in weeks):
        raise Hint(
            "The table's `week` values are not all Mondays: the weeks start on another day (a Sunday? the "
            "1970-based 7-day windows of TWCS start on Thursdays). Subtract each reading's weekday (Monday = 0)."
        )


def _wind_of_areas(when: str, kind: str = "wind") -> dict[str, float]:
    return {r: v for r, v in _values_at(when, kind).items() if r != "DE"}


@exercise(
    "04.4",
    answer="a pair (a dict {region: value} of the four control areas, the partitions the replica read)",
    wrong=[
        lambda: (_wind_of_areas("2016-01-20 17:00"), 1),
        lambda: (_wind_of_areas("2016-01-20 18:00", "solar"), 1),
        lambda: ({"DE": _values_at("2016-01-20 18:00")["DE"]}, 1),
        lambda: (_wind_of_areas("2016-01-20 18:00"), 4),
        lambda: (_wind_of_areas("2016-01-20 18:00"), 0),
        lambda: (_wind_of_areas("2016-01-20 17:00"), 1),
    ],
    success="one partition, one slice: Q3 reads a single partition of its own table.",
)
def wind_by_area_at_six(answer):
    """{area: value}: wind of the four control areas at 2016-01-20 18:00 UTC (and the partitions read, traced)."""
    if not isinstance(answer, (tuple, list)) or len(answer) != 2:
        raise Hint("Answer a pair: the dict {region: value}, then the number of partitions the replica read.")
    answer, partitions = answer
    if isinstance(partitions, bool) or not isinstance(partitions, numbers.Real):
        raise Hint("The second item is a number: how many 'Executing single-partition query' events the trace has.")
    partitions = int(partitions)
    if not isinstance(answer, dict):
        raise Hint("Give the values as a dict {region: value}.")
    if set(answer) != set(AREAS):
        raise Hint("Answer for the four control areas (50hertz, amprion, tennet, transnetbw), without DE.")
    if _same_values(answer, _wind_of_areas("2016-01-20 17:00")):
        raise Hint("Timestamps are UTC: write the instant with +0000.")
    if not _same_values(answer, _wind_of_areas("2016-01-20 18:00")):
        raise Hint("Check the type and the instant: the partition is (type, day), the instant a clustering column.")
    if partitions < 1:
        raise Hint("Count the trace's 'Executing single-partition query' events: one per partition a replica read.")
    if partitions >= len(AREAS):  # (a speculative retry may add a second read)
        raise Hint(
            "The replica read a partition per region: that is Q1's table, keyed by (region, type). Which table "
            "keeps every region of one instant together, and what is its partition key?"
        )
