"""helpers.spark.detection_scores: flagging everything or nothing scores worst; every flagged hour counts."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.spark import detection_scores as ds


def _hours(weeks: int = 4) -> pd.DataFrame:
    stamps = pd.date_range("2016-03-07", periods=weeks * 7 * 24, freq="h")
    return pd.concat(
        [pd.DataFrame({"region": region, "type": "wind", "hour": stamps}) for region in ("tennet", "amprion")],
        ignore_index=True,
    )


FAULTS = pd.DataFrame(
    {
        "region": ["tennet", "tennet", "amprion"],
        "type": "wind",
        "kind": ["outage", "curtailment", "outage"],
        "start": pd.to_datetime(["2016-03-08 10:00", "2016-03-15 02:00", "2016-03-20 12:00"]),
        "end": pd.to_datetime(["2016-03-08 13:00", "2016-03-15 03:00", "2016-03-20 12:00"]),
    }
)


def _flags(*pairs) -> pd.DataFrame:
    return pd.DataFrame([(r, "wind", pd.Timestamp(h)) for r, h in pairs], columns=["region", "type", "hour"])


def test_a_detector_that_flags_every_hour_finds_every_fault_and_still_ranks_last():
    hours = _hours()
    good = _flags(
        ("tennet", "2016-03-08 11:00"),
        ("tennet", "2016-03-08 12:00"),
        ("amprion", "2016-03-20 12:00"),
        ("amprion", "2016-03-25 00:00"),
    )
    board = ds.leaderboard({"residual z > 5": good}, FAULTS, hours)
    assert list(board.index) == ["residual z > 5", "flag everything", "flag nothing"]
    everything = board.loc["flag everything"]
    assert everything["recall"] == 1.0 and everything["faults found"] == 3
    assert everything["precision"] == pytest.approx(7 / len(hours))
    assert board.loc["flag nothing", "F1"] == 0.0 and board.loc["flag nothing", "flagged hours"] == 0
    assert board.loc["residual z > 5", "precision"] == 0.75 and board.loc["residual z > 5", "recall"] == 3 / 7


def test_false_alarms_are_runs_of_flagged_hours_outside_faults_per_series_week():
    hours = _hours(weeks=4)  # 2 series x 4 weeks = 8 series-weeks
    flags = _flags(
        ("tennet", "2016-03-09 01:00"),
        ("tennet", "2016-03-09 02:00"),
        ("amprion", "2016-03-10 05:00"),
        ("tennet", "2016-03-08 12:00"),
    )
    scores = ds.event_level(flags, FAULTS, hours)
    assert scores["false alarms per series-week"] == 2 / 8
    assert scores["faults found"] == 1 and scores["median delay h"] == 2.0


def test_wilson_intervals_of_small_counts_are_wide():
    low, high = ds.wilson(8, 8)
    assert low == pytest.approx(8 / (8 + 1.96**2)) and high == 1.0
    low, high = ds.wilson(0, 8)
    assert low == 0.0 and high == pytest.approx(1.96**2 / (8 + 1.96**2))
    assert ds.wilson(0, 0) == (0.0, 1.0)
    table = ds.per_kind(_flags(("tennet", "2016-03-08 10:00")), FAULTS)
    outage = table[table["kind"] == "outage"].iloc[0]
    assert (outage["faults"], outage["found"], outage["rate"]) == (2, 1, 0.5) and outage["low"] < 0.1


def test_the_threshold_is_chosen_by_f1_on_the_data_given():
    hours = _hours()
    scored = hours.assign(z=0.0)
    inside = ds.fault_hours(FAULTS)[["region", "type", "hour"]].assign(inside=6.0)
    scored = scored.merge(inside, how="left").fillna({"inside": 0.0})
    scored["z"] = scored["inside"]
    scored.loc[scored.index[:5], "z"] = 4.0  # five fault-free hours at 4
    assert ds.choose_threshold(scored, "z", [3.0, 5.0, 7.0], FAULTS) == 5.0


def test_the_false_positive_rate_counts_flagged_hours_outside_faults_over_fault_free_hours():
    hours = _hours()
    flags = _flags(("tennet", "2016-03-08 11:00"), ("tennet", "2016-03-09 01:00"), ("amprion", "2016-03-10 05:00"))
    assert ds.false_positive_rate(flags, FAULTS, hours) == pytest.approx(2 / (len(hours) - 7))
    board = ds.leaderboard({"three hours": flags}, FAULTS, hours)
    assert board.loc["flag everything", "false-positive rate"] == 1.0
    assert board.loc["flag nothing", "false-positive rate"] == 0.0
