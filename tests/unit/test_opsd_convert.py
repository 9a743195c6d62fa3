"""OPSD's wide time series to the long format, with gaps and duplicates reported, on a hand-made fixture."""

from pathlib import Path

import pandas as pd
import pytest

from helpers.data import opsd
from helpers.data.schema import COLUMNS

# 30 rows in OPSD's column layout around the switch to summer time on 2016-03-27, with an
# unparsable timestamp (line 6), a repeated timestamp (line 14), empty values (gaps) and a
# negative value (line 18); other columns (load, capacity, on/offshore) must be ignored.
FIXTURE = Path(__file__).parents[1] / "fixtures" / "opsd_time_series_15min_sample.csv"


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    rejects = tmp_path_factory.mktemp("opsd") / "rejects.csv"
    frame, report = opsd.to_long(FIXTURE, rejects)
    return frame, report, pd.read_csv(rejects)


def test_long_format_in_utc(converted):
    frame, report, _ = converted
    assert tuple(frame.columns) == COLUMNS
    assert set(frame["region"]) == {"DE", "50hertz", "amprion", "tennet", "transnetbw"}
    assert frame["ts"].min() == pd.Timestamp("2016-03-27 00:00", tz="UTC")
    assert frame["ts"].nunique() == 28 and not frame.duplicated(["ts", "type", "region"]).any()
    first = frame[frame["ts"] == frame["ts"].min()].set_index(["type", "region"])["value"]
    assert first[("wind", "DE")] == 9100.0 and first[("wind", "tennet")] == 4200.0
    assert report.rows == 30 and report.missing_columns == []


def test_gaps_are_counted_not_emitted(converted):
    frame, report, _ = converted
    assert report.gaps["DE_tennet_wind_generation_actual"] == 2
    assert report.gap_examples["DE_tennet_wind_generation_actual"] == ["2016-03-27T01:15:00Z", "2016-03-27T01:30:00Z"]
    assert report.gaps["DE_solar_generation_actual"] == 1
    assert sum(report.gaps.values()) == 3
    tennet_wind = frame[(frame["type"] == "wind") & (frame["region"] == "tennet")]
    assert len(tennet_wind) == 28 - 2
    assert report.emitted == len(frame) == 28 * 10 - 3 - 1  # gaps and the negative value
    assert "gaps in DE_tennet_wind_generation_actual: 2" in str(report)


def test_duplicates_keep_the_first_and_reject_the_rest(converted):
    frame, report, rejects = converted
    assert report.duplicates == 1 and report.duplicate_examples == ["2016-03-27T02:30:00Z"]
    kept = frame[(frame["ts"] == pd.Timestamp("2016-03-27 02:30", tz="UTC")) & (frame["region"] == "DE")]
    assert kept.set_index("type")["value"]["wind"] == 9380.0  # not the repeated row's 9999.0
    assert list(zip(rejects["line"], rejects["reason"])) == [
        (6, "unparsable timestamp"),
        (14, "duplicate key"),
        (18, "negative value: DE_amprion_solar_generation_actual"),
    ]
    assert rejects["raw"][1].startswith("2016-03-27T02:30:00Z,") and ",9999.0," in rejects["raw"][1]
    assert report.rejected == 3


def test_missing_series_are_reported_and_other_files_refused(tmp_path):
    path = tmp_path / "small.csv"
    path.write_text("utc_timestamp,DE_wind_generation_actual\n2016-01-01T00:00:00Z,5000.5\n")
    frame, report = opsd.to_long(path)
    assert list(frame["value"]) == [5000.5] and len(report.missing_columns) == 9
    path.write_text("ts,type,region,value\n")
    with pytest.raises(ValueError, match="utc_timestamp"):
        opsd.to_long(path)
