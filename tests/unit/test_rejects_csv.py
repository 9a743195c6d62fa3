"""Bulk validation of the long format: every reason, line numbers, duplicates across chunks, reconciliation."""

import numpy as np
import pandas as pd
import pytest

from helpers.data.generation import generate
from helpers.data.output import write_frames
from helpers.data.validate import CsvValidation, HeaderError, Reason, validate_csv

NOW = "2020-01-01"
HEADER = "ts,type,region,value"

# (line as written, reason or None if valid); the header is line 1, so these are lines 2, 3, ...
CASES = [
    ("2016-01-01T00:00:00Z,solar,DE,1.5", None),
    ("2016-01-01T00:00:00Z,solar,DE,2.5", Reason.DUPLICATE),
    ("2016-01-01T00:00:00Z,wind,DE", Reason.WRONG_FIELD_COUNT),
    ("2016-01-01T00:00:00Z,wind,DE,1.0,extra", Reason.WRONG_FIELD_COUNT),
    ("", Reason.WRONG_FIELD_COUNT),
    (",wind,DE,1.0", f"{Reason.MISSING}: ts"),
    ("2016-01-01T00:00:00Z,wind,,1.0", f"{Reason.MISSING}: region"),
    ("2016-01-01T00:00:00Z,wind,DE, ", f"{Reason.MISSING}: value"),
    ("2016-13-01T00:00:00Z,wind,DE,1.0", Reason.BAD_TIMESTAMP),
    ("yesterday,wind,DE,1.0", Reason.BAD_TIMESTAMP),
    ("1999-12-31T23:45:00Z,wind,DE,1.0", Reason.TIMESTAMP_RANGE),
    ("2020-01-05T00:00:00Z,wind,DE,1.0", Reason.TIMESTAMP_RANGE),
    ("2016-01-01T00:00:00Z,wind,DE,abc", Reason.NON_NUMERIC),
    ("2016-01-01T00:00:00Z,wind,DE,NaN", Reason.NAN),
    ("2016-01-01T00:00:00Z,wind,DE,inf", Reason.INFINITE),
    ("2016-01-01T00:00:00Z,wind,DE,-0.1", Reason.NEGATIVE),
    ("2016-01-01T00:00:00Z,hydro,DE,1.0", Reason.UNKNOWN_TYPE),
    ("2016-01-01 00:15:00,wind,DE,0", None),  # no offset: UTC
    ("2016-01-01T01:15:00+01:00,wind,DE,3", Reason.DUPLICATE),  # the same instant as the line above
    (" 2016-01-01T00:30:00Z , wind , tennet , 7 ", None),  # spaces around fields are trimmed
]


def _write(tmp_path, lines, header=HEADER):
    path = tmp_path / "input.csv"
    path.write_text("\n".join([header, *lines]) + "\n")
    return path


@pytest.mark.parametrize("chunk_rows", [1, 3, 1000])
def test_every_reason_with_its_line_number(tmp_path, chunk_rows):
    path = _write(tmp_path, [line for line, _ in CASES])
    valid, validation = validate_csv(path, tmp_path / "rejects.csv", chunk_rows=chunk_rows, now=NOW)
    expected = {number: reason for number, (_, reason) in enumerate(CASES, start=2) if reason}
    rejects = pd.read_csv(tmp_path / "rejects.csv", keep_default_na=False)
    assert dict(zip(rejects["line"], rejects["reason"])) == expected
    assert list(rejects["raw"]) == [CASES[number - 2][0] for number in expected]
    assert list(valid["line"]) == [number for number, (_, reason) in enumerate(CASES, start=2) if reason is None]
    assert validation.rows == len(CASES) == validation.valid + validation.rejected
    assert sum(validation.reasons.values()) == validation.rejected


def test_valid_rows_are_normalised(tmp_path):
    valid, _ = validate_csv(_write(tmp_path, [line for line, _ in CASES]), now=NOW)
    assert list(valid.columns) == ["ts", "type", "region", "value", "line"]
    assert str(valid["ts"].dt.tz) == "UTC"
    assert list(valid["ts"].dt.strftime("%H:%M")) == ["00:00", "00:15", "00:30"]
    assert list(valid["region"]) == ["DE", "DE", "tennet"] and list(valid["value"]) == [1.5, 0.0, 7.0]


@pytest.mark.parametrize("header", ["ts,type,value", "ts,type,region,value,unit", "time,type,region,value", ""])
def test_wrong_header_rejects_the_whole_file(tmp_path, header):
    path = _write(tmp_path, ["2016-01-01T00:00:00Z,solar,DE,1.5"], header)
    with pytest.raises(HeaderError, match="expected the header line 'ts,type,region,value'"):
        CsvValidation(path)


def test_header_with_byte_order_mark_and_windows_line_ends(tmp_path):
    path = tmp_path / "input.csv"
    path.write_bytes(b"\xef\xbb\xbfts,type,region,value\r\n2016-01-01T00:00:00Z,solar,DE,1.5\r\n")
    valid, validation = validate_csv(path, now=NOW)
    assert validation.rejected == 0 and list(valid["value"]) == [1.5]


def test_generated_data_is_all_valid_and_duplicates_across_chunks_are_caught(tmp_path):
    frame = generate("2016-03-01", "2016-03-03")
    path = tmp_path / "generation.csv"
    write_frames([frame, frame.iloc[100:110]], path)  # ten repeated keys at the end
    validation = CsvValidation(path, tmp_path / "rejects.csv", chunk_rows=500, now=NOW)
    total = sum(len(chunk) for chunk in validation)
    assert total == validation.valid == len(frame)
    assert validation.reasons == {Reason.DUPLICATE: 10}
    rejects = pd.read_csv(tmp_path / "rejects.csv")
    assert list(rejects["line"]) == list(range(len(frame) + 2, len(frame) + 12))
    assert "10 rejected (duplicate key: 10)" in validation.summary()


def test_rejects_file_is_written_even_without_rejects(tmp_path):
    path = _write(tmp_path, ["2016-01-01T00:00:00Z,solar,DE,1.5"])
    valid, validation = validate_csv(path, tmp_path / "rejects.csv", now=NOW)
    assert (tmp_path / "rejects.csv").read_text() == "line,reason,raw\n"
    assert validation.summary().endswith("1 rows, 1 valid, 0 rejected")
    assert np.array_equal(valid["line"], [2])
