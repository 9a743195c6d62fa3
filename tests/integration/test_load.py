"""The bulk loader against the real cluster: every valid row stored, re-runs idempotent, every bad row set aside."""

import subprocess
import sys

import pandas as pd
import pytest

from helpers.cassandra_io.sessions import connect
from helpers.data.generation import generation_chunks
from helpers.data.output import write_frames
from helpers.data.schema import REGIONS, TYPES
from helpers.data.validate import HeaderError
from helpers.load import load_generation_csv

pytestmark = pytest.mark.sandbox

START, END = "2016-06-20", "2016-06-22"
ROWS_PER_SERIES = 2 * 96


@pytest.fixture
def session(sandbox):
    session = connect()
    yield session
    session.cluster.shutdown()


@pytest.fixture
def keyspace(session, unique_name):
    yield unique_name
    session.execute(f"DROP KEYSPACE IF EXISTS {unique_name}")


@pytest.fixture
def two_days_csv(tmp_path):
    path = tmp_path / "two_days.csv"
    write_frames(generation_chunks(START, END), path)
    return path


def partition_counts(session, keyspace, table="generation") -> dict:
    query = f"SELECT count(*) FROM {keyspace}.{table} WHERE region = %s AND type = %s"
    return {(r, t): session.execute(query, (r, t)).one()[0] for r in REGIONS for t in TYPES}


def test_a_generated_csv_is_stored_row_for_row_and_a_rerun_changes_nothing(session, keyspace, two_days_csv, tmp_path):
    expected = {(r, t): ROWS_PER_SERIES for r in REGIONS for t in TYPES}

    first = load_generation_csv(session, two_days_csv, keyspace, rejects=tmp_path / "rejects.csv", progress=False)
    assert (first.rows, first.loaded, first.rejected) == (1920, 1920, 0)
    assert partition_counts(session, keyspace) == expected

    again = load_generation_csv(session, two_days_csv, keyspace, rejects=tmp_path / "rejects.csv", progress=False)
    assert (again.loaded, again.rejected) == (1920, 0)
    assert partition_counts(session, keyspace) == expected

    source = pd.read_csv(two_days_csv)
    noon = source[(source.ts == "2016-06-21T12:00:00Z") & (source.region == "DE")].set_index("type")["value"]
    stored = session.execute(
        f"SELECT type, value FROM {keyspace}.generation WHERE region = 'DE' AND type IN "
        "('solar', 'wind') AND ts = '2016-06-21 12:00:00+0000'"
    )
    assert {row.type: row.value for row in stored} == noon.to_dict()
    assert noon["solar"] > 0


GOOD = [
    "2016-06-21T12:00:00Z,solar,DE,30.0",
    "2016-06-21T12:15:00Z,solar,DE,31.5",
    "2016-06-21T12:00:00Z,wind,tennet,1200.0",
]
BAD = {  # line content -> reason written to the rejects file
    "2016-06-21T12:30:00Z,solar,DE": "wrong number of fields",
    "2016-06-21T12:30:00Z,solar,DE,1.0,extra": "wrong number of fields",
    "2016-06-21T12:30:00Z,solar,,1.0": "missing value: region",
    "yesterday noon,solar,DE,1.0": "unparsable timestamp",
    "2099-01-01T00:00:00Z,solar,DE,1.0": "timestamp out of range",
    "2016-06-21T12:45:00Z,solar,DE,lots": "non-numeric value",
    "2016-06-21T13:00:00Z,solar,DE,NaN": "value is NaN",
    "2016-06-21T13:15:00Z,solar,DE,-5.0": "negative value",
    "2016-06-21T13:30:00Z,nuclear,DE,900.0": "unknown type",
    "2016-06-21T12:00:00Z,solar,DE,99.0": "duplicate key",
}


def test_malformed_rows_go_to_the_rejects_file_with_line_and_reason_and_the_counts_reconcile(
    session, keyspace, tmp_path
):
    csv, rejects = tmp_path / "mixed.csv", tmp_path / "mixed_rejects.csv"
    csv.write_text("\n".join(["ts,type,region,value", *GOOD, *BAD]) + "\n")

    report = load_generation_csv(session, csv, keyspace, rejects=rejects, progress=False)

    assert (report.rows, report.loaded, report.rejected) == (13, 3, 10)
    assert report.loaded + report.rejected == report.rows
    set_aside = pd.read_csv(rejects, keep_default_na=False)
    first_bad_line = 2 + len(GOOD)
    assert set_aside["line"].tolist() == list(range(first_bad_line, first_bad_line + len(BAD)))
    assert dict(zip(set_aside["raw"], set_aside["reason"])) == BAD
    counts = partition_counts(session, keyspace)
    assert counts[("DE", "solar")] == 2 and counts[("tennet", "wind")] == 1 and sum(counts.values()) == 3
    kept = session.execute(
        f"SELECT value FROM {keyspace}.generation WHERE region = 'DE' AND type = 'solar' "
        "AND ts = '2016-06-21 12:00:00+0000'"
    ).one()
    assert kept.value == 30.0  # the first of the duplicate keys wins


def test_a_wrong_header_stops_the_load_before_anything_is_written(session, keyspace, tmp_path):
    csv = tmp_path / "wide.csv"
    csv.write_text("utc_timestamp,DE_solar_generation_actual\n2016-06-21T12:00:00Z,30.0\n")
    with pytest.raises(HeaderError, match="expected the header line 'ts,type,region,value'"):
        load_generation_csv(session, csv, keyspace, progress=False)
    assert session.cluster.metadata.keyspaces.get(keyspace) is None


def test_the_command_line_prints_loaded_rejected_and_rate(sandbox, keyspace, two_days_csv, tmp_path):
    with two_days_csv.open("a") as out:
        out.write("2016-06-21T12:00:00Z,solar,DE,-1.0\n")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "helpers.load",
            "generation",
            "--csv",
            str(two_days_csv),
            "--keyspace",
            keyspace,
            "--rejects",
            str(tmp_path / "r.csv"),
            "--quiet",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "1920 rows loaded, 1 rows rejected (of 1921)" in done.stdout and "rows/s" in done.stdout
    assert f"rejects in {tmp_path / 'r.csv'}" in done.stdout
