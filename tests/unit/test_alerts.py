"""The live alerts' pure parts: the power curve and its data-sheet rows, the scenario, the messages."""

import ast
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from helpers.alerts import job
from helpers.alerts.curve import MIN_HOURS, bins, fit, with_data_sheet
from helpers.alerts.scenario import STORM_AND_FAULT, Fault, Scenario, Storm
from helpers.data import generate
from helpers.stream.messages import frame_messages


def hours(region, kind, readings, outputs):
    stamps = pd.date_range("2016-01-01", periods=len(readings), freq="h", tz="UTC")
    hourly = pd.DataFrame({"region": region, "type": kind, "hour": stamps, "mw": outputs})
    return hourly, pd.DataFrame({"region": region, "type": kind, "hour": stamps, "reading": readings})


def test_the_curve_is_the_median_per_bin_with_a_floored_robust_spread():
    hourly, readings = hours("tennet", "wind", [5.1, 5.2, 5.4, 9.9], [100.0, 300.0, 200.0, 1000.0])
    curve = fit(hourly, readings).set_index("bin")
    assert curve.loc[10, "expected_mw"] == 200.0 and curve.loc[10, "hours"] == 3
    assert curve.loc[10, "spread_mw"] == pytest.approx(1.4826 * 100.0)
    high = np.quantile([100.0, 300.0, 200.0, 1000.0], 0.99)
    assert curve.loc[19, "spread_mw"] == pytest.approx(0.04 * high)  # one hour: no spread, the floor
    assert list(curve["source"].unique()) == ["data"]


def test_wind_above_the_data_comes_from_the_data_sheet_and_falls_past_cut_out():
    speeds = np.repeat(np.arange(12.0, 16.0, 0.5), MIN_HOURS)
    hourly, readings = hours("tennet", "wind", list(speeds) + [19.0], [10_000.0] * len(speeds) + [9_000.0])
    curve = with_data_sheet(fit(hourly, readings))
    data, sheet = curve[curve["source"] == "data"], curve[curve["source"] == "data sheet"]
    assert data["bin"].max() == 31 and sheet["bin"].min() == 32  # the thin bin at 19 m/s is replaced
    at = sheet.set_index("reading_from")["expected_mw"]
    assert at[30.0] < at[25.0] < at[20.0] < 10_000.0
    assert (sheet["spread_mw"] == data["spread_mw"].max()).all()


def test_bins_follow_lesson_09():
    frame = pd.DataFrame({"type": ["wind", "wind", "solar"], "reading": [4.99, 5.0, 249.0]})
    assert bins(frame).tolist() == [9, 10, 9]


@pytest.fixture(scope="module")
def storm_day():
    return STORM_AND_FAULT.apply(generate("2016-10-17", "2016-10-18")), generate("2016-10-17", "2016-10-18")


def test_the_fault_silences_its_feed_and_de_stays_the_sum(storm_day):
    day, _ = storm_day
    fault = STORM_AND_FAULT.faults[0]
    silent = day[
        (day["region"] == fault.region)
        & (day["type"] == fault.type)
        & day["ts"].between(pd.Timestamp(fault.start, tz="UTC"), pd.Timestamp(fault.end, tz="UTC"))
    ]
    assert len(silent) == 12 and (silent["value"] == 0).all()
    areas = day[day["region"] != "DE"].groupby(["ts", "type"])["value"].sum().round(1)
    de = day[day["region"] == "DE"].set_index(["ts", "type"])["value"]
    assert (de - areas.reindex(de.index)).abs().max() < 1e-6


def test_the_storm_blows_past_cut_out_and_the_output_follows_the_turbines(storm_day):
    day, plain = storm_day
    storm = STORM_AND_FAULT.storms[0]
    series = day[(day["region"] == storm.region) & (day["type"] == "wind")].set_index("ts")
    before = plain[(plain["region"] == storm.region) & (plain["type"] == "wind")].set_index("ts")
    assert series["reading"].max() == 32.0
    blowing = series.loc["2016-10-17 15:00":"2016-10-17 17:45"]
    assert (blowing["reading"] >= 25).all() and (blowing["value"] < 0.5 * series["value"].max()).all()
    outside = series.index < pd.Timestamp(storm.start, tz="UTC")
    assert (series.loc[outside, "value"] == before.loc[outside, "value"]).all()


def test_areas_carry_their_station_reading_and_de_none(storm_day):
    day, _ = storm_day
    assert day.loc[day["region"] != "DE", "reading"].notna().all()
    assert day.loc[day["region"] == "DE", "reading"].isna().all()
    messages = [json.loads(value) for _, value in frame_messages(day.head(10))]
    assert {"reading" in m for m in messages} == {True, False}


def test_labels_name_each_event():
    scenario = Scenario(
        storms=(Storm("tennet", "2016-10-17 11:00"),),
        faults=(Fault("50hertz", "wind", "2016-10-17 13:00", "2016-10-17 15:45", 0.5),),
    )
    labels = scenario.labels()
    assert labels["event"].tolist() == ["storm", "fault x0.5"]
    assert labels["end"].iloc[0] == pd.Timestamp("2016-10-17 20:45", tz="UTC")


def test_the_alert_job_cannot_read_the_labels():
    """The scenario and lesson 09's fault plan are for scoring: the job imports neither."""
    tree = ast.parse(Path(job.__file__).read_text())
    imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    imported |= {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    assert not any("scenario" in name or "anomalies" in name for name in imported), imported
