"""The command line, run in-process: every command writes its file and a one-line summary."""

import re

import pandas as pd

from helpers.data.__main__ import main
from helpers.data.validate import validate_csv

ROW = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ,(solar|wind),(50hertz|amprion|tennet|transnetbw|DE),\d+\.\d$")


def test_generate_writes_valid_long_csv(tmp_path, capsys):
    path = tmp_path / "generation.csv"
    assert main(["generate", "--start", "2016-10-30", "--end", "2016-10-31", "--out", str(path), "--seed", "5"]) == 0
    lines = path.read_text().splitlines()
    assert lines[0] == "ts,type,region,value" and len(lines) == 1 + 96 * 10
    assert all(ROW.match(line) for line in lines[1:])
    valid, validation = validate_csv(path, now="2016-11-01")
    assert validation.rejected == 0 and len(valid) == 960
    assert f"960 rows, {path}" in capsys.readouterr().out


def test_generate_parquet(tmp_path):
    path = tmp_path / "generation.parquet"
    assert main(["generate", "--start", "2016-01-01", "--end", "2016-01-02", "--out", str(path)]) == 0
    assert len(pd.read_parquet(path)) == 960


def test_weather_writes_readings_and_stations(tmp_path):
    path = tmp_path / "weather.csv"
    assert main(["weather", "--start", "2016-01-01", "--end", "2016-01-02", "--out", str(path)]) == 0
    stations = pd.read_csv(tmp_path / "weather_stations.csv")
    readings = pd.read_csv(path)
    assert list(readings.columns) == ["ts", "station_id", "wind_speed", "temperature", "irradiance"]
    assert len(readings) == 24 * len(stations)


def test_meters_writes_readings_and_meters_table(tmp_path):
    path = tmp_path / "meters.csv"
    arguments = ["--meters", "7", "--days", "2", "--out", str(path), "--interval", "1min", "--start", "2016-02-01"]
    assert main(["meters", *arguments]) == 0
    assert path.read_text().startswith("ts,meter_id,value\n2016-02-01T00:00:00Z,meter-000001,")
    assert len(pd.read_csv(path)) == 7 * 2 * 1440
    assert len(pd.read_csv(tmp_path / "meters_meters.csv")) == 7


def test_validate_reports_rejects(tmp_path, capsys):
    path = tmp_path / "input.csv"
    path.write_text("ts,type,region,value\n2016-01-01T00:00:00Z,solar,DE,1.0\n2016-01-01T00:00:00Z,hydro,DE,1.0\n")
    assert main(["validate", str(path)]) == 0
    assert "2 rows, 1 valid, 1 rejected (unknown type: 1)" in capsys.readouterr().out
    assert (tmp_path / "input_rejects.csv").read_text().splitlines()[1].startswith("3,unknown type,")


def test_wrong_header_is_a_clear_error(tmp_path, capsys):
    path = tmp_path / "input.csv"
    path.write_text("time,kind,value\n")
    assert main(["validate", str(path)]) == 1
    assert "expected the header line 'ts,type,region,value'" in capsys.readouterr().err
