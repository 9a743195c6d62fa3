"""Self-checks of lesson 01 (energy data)."""

from __future__ import annotations

from functools import cache

import pandas as pd

from helpers.course.checks import Hint, exercise


@cache
def _year() -> pd.DataFrame:
    from helpers.data.generation import DEFAULT_SEED, generate

    return generate("2016-01-01", "2017-01-01", seed=DEFAULT_SEED)


def _wind_shares_percent() -> pd.Series:
    wind = _year()[_year()["type"] == "wind"]
    totals = wind.groupby("region", observed=True)["value"].sum()
    return totals.drop("DE") / totals["DE"] * 100


@exercise(
    "01.1",
    answer="a pair (control area, its share of Germany's wind energy in %), e.g. ('name', 12.3)",
    wrong=[("tennet", 0.478), ("50hertz", 30.8), ("DE", 100.0)],
    success="the north has the wind.",
)
def largest_wind_area(answer):
    """(control area, its share of Germany's 2016 wind energy in %)."""
    area, percent = answer
    shares = _wind_shares_percent()
    if str(area).casefold() != shares.idxmax().casefold():
        raise Hint("Compare the four control areas only (DE is their sum), by their total wind energy in 2016.")
    if abs(percent - shares.max()) > 0.5:
        raise Hint("The share is a percentage: the area's wind energy divided by Germany's, times 100.")


@exercise(
    "01.2",
    wrong=[{"solar": "2016-07", "wind": "2016-12"}, {"solar": "2016-06", "wind": "2016-02"}, {"solar": "06"}],
    answer="a dict {'solar': 'YYYY-MM', 'wind': 'YYYY-MM'}",
    success="summer sun, winter wind.",
)
def best_months(answer):
    """{'solar': 'YYYY-MM', 'wind': 'YYYY-MM'}: the month of 2016 with the most energy of each type in DE."""
    de = _year()[_year()["region"] == "DE"]
    monthly = de.groupby([de["ts"].dt.strftime("%Y-%m"), "type"], observed=True)["value"].sum().unstack()
    expected = {kind: monthly[kind].idxmax() for kind in ("solar", "wind")}
    if set(answer) != set(expected):
        raise Hint("Answer with a dict of two months, one for 'solar' and one for 'wind', written 'YYYY-MM'.")
    for kind, month in expected.items():
        if answer[kind] != month:
            raise Hint(f"Sum {kind}'s DE values per month (energy is proportional to the sum) and take the largest.")


@exercise("01.3", answer="a number of MWh", wrong=[100, 1500, 0.25], success="MW × hours = MWh.")
def energy_of_a_quarter_hour(answer):
    """MWh produced by a wind farm holding 100 MW for one quarter hour."""
    if abs(float(answer) - 25.0) > 1e-9:
        raise Hint("Energy is power × time: MW × hours. How many hours is a quarter of an hour?")


@exercise(
    "01.4",
    wrong=[
        [("11:45", 20225.2), ("11:30", 20591.0), ("11:15", 20895.8), ("11:00", 21137.9)],
        [("11:00", 21137.9), ("11:15", 20895.8), ("11:30", 20591.0), ("11:45", 20225.2), ("12:00", 20269.3)],
        [("11:00", 21137.9)],
    ],
    answer="a list of ('HH:MM', value) pairs, oldest first",
    needs_sandbox=True,
    success="a range on the clustering column, read in the order you asked for.",
)
def solar_hour_ascending(answer):
    """[(HH:MM, value)] of DE solar on 21 June 2016 from 11:00 (inclusive) to 12:00 (exclusive), oldest first."""
    from helpers.cassandra_io.sessions import connect

    session = connect("energydata")
    try:
        rows = session.execute(
            "SELECT ts, value FROM generation WHERE region = 'DE' AND type = 'solar' "
            "AND ts >= '2016-06-21 11:00:00+0000' AND ts < '2016-06-21 12:00:00+0000' ORDER BY ts ASC"
        )
        expected = [(r.ts.strftime("%H:%M"), r.value) for r in rows]
    finally:
        session.cluster.shutdown()
    answer = [(str(ts), float(value)) for ts, value in answer]
    if len(answer) != len(expected):
        raise Hint("From 11:00 included to 12:00 excluded: use >= and < on ts.")
    if sorted(answer) == sorted(expected) and answer != expected:
        raise Hint("The partition stores ts newest first; ask for the other order with ORDER BY ts ASC.")
    if answer != expected:
        raise Hint("Give each row as ('HH:MM', value): the UTC time with strftime('%H:%M'), the value as stored.")
