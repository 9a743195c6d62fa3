"""Writing chunks to CSV and Parquet."""

import pandas as pd
import pyarrow.parquet as pq

from helpers.data.generation import generation_chunks
from helpers.data.output import write_frames


def _frame(values, start="2016-06-21 12:00") -> pd.DataFrame:
    return pd.DataFrame(
        {
            "ts": pd.date_range(start, periods=len(values), freq="15min", tz="UTC"),
            "type": pd.Categorical(["solar"] * len(values)),
            "region": "DE",
            "value": values,
        }
    )


def test_csv_has_one_plain_header_iso_timestamps_and_one_decimal(tmp_path):
    path = tmp_path / "out" / "data.csv"
    rows = write_frames([_frame([30.0, 0.1]), _frame([1234.5], "2016-06-21 12:30")], path)
    assert rows == 3
    assert path.read_text().splitlines() == [
        "ts,type,region,value",
        "2016-06-21T12:00:00Z,solar,DE,30.0",
        "2016-06-21T12:15:00Z,solar,DE,0.1",
        "2016-06-21T12:30:00Z,solar,DE,1234.5",
    ]


def test_parquet_keeps_types_with_millisecond_utc_timestamps(tmp_path):
    path = tmp_path / "data.parquet"
    chunks = list(generation_chunks("2016-01-31", "2016-02-02"))
    assert write_frames(chunks, path) == sum(map(len, chunks))
    schema = pq.read_schema(path)
    assert str(schema.field("ts").type) == "timestamp[ms, tz=UTC]"
    back = pd.read_parquet(path)
    expected = pd.concat(chunks, ignore_index=True)
    assert (back["value"] == expected["value"]).all()
    assert (back["ts"] == expected["ts"]).all() and (back["region"] == expected["region"].astype(str)).all()
