"""Writing DataFrames chunk by chunk to CSV or Parquet, with a progress bar.

CSV: timestamps as ISO 8601 UTC text (``2016-06-21T12:00:00Z``), floats with one decimal,
no quoting. Parquet (chosen by a ``.parquet`` suffix): native types, timestamps in
milliseconds UTC (which Spark reads), text as plain strings.
"""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
from tqdm.auto import tqdm

from .timeaxis import iso_text

DECIMALS = 1


def is_parquet(path) -> bool:
    """Whether ``path`` names a Parquet file (by its suffix); anything else is CSV."""
    return Path(path).suffix.lower() == ".parquet"


def to_arrow(frame: pd.DataFrame, parquet: bool) -> pa.Table:
    """A DataFrame as an Arrow table ready for the CSV or the Parquet writer."""
    columns = {}
    for name, column in frame.items():
        if isinstance(column.dtype, pd.DatetimeTZDtype):
            columns[name] = _timestamps(column, parquet)
        elif pd.api.types.is_float_dtype(column) and not parquet:
            # a decimal type prints 30.0 as "30.0" (a float would print "30")
            columns[name] = pa.array(column.to_numpy()).cast(pa.decimal128(18, DECIMALS), safe=False)
        elif isinstance(column.dtype, pd.CategoricalDtype):
            columns[name] = pa.array(column).cast(pa.string())
        elif column.dtype == object:
            columns[name] = pa.array(column.to_numpy(), type=pa.string())
        else:
            columns[name] = pa.array(column.to_numpy())
    return pa.table(columns)


def _timestamps(column: pd.Series, parquet: bool) -> pa.Array:
    if parquet:
        return pa.array(column.dt.tz_convert("UTC").astype("datetime64[ms, UTC]"))
    codes, uniques = pd.factorize(column)  # format each distinct timestamp once
    return pa.array(iso_text(pd.DatetimeIndex(uniques))).take(pa.array(codes))


def write_frames(frames: Iterable[pd.DataFrame], path, total_rows: int | None = None, desc: str | None = None) -> int:
    """Write DataFrames with the same columns one after the other into one file; return the row count."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    parquet = is_parquet(path)
    rows = 0
    with tqdm(total=total_rows, unit="rows", unit_scale=True, desc=desc or path.name) as progress:
        writer = None
        try:
            for frame in frames:
                table = to_arrow(frame, parquet)
                if writer is None:
                    writer = pq.ParquetWriter(path, table.schema) if parquet else _CsvWriter(path, frame.columns)
                writer.write_table(table)
                rows += len(frame)
                progress.update(len(frame))
        finally:
            if writer is not None:
                writer.close()
    return rows


class _CsvWriter:
    """Appends Arrow tables to a CSV file under a plain, unquoted header line."""

    def __init__(self, path: Path, columns: Iterable[str]):
        self._file = open(path, "wb")
        self._file.write((",".join(columns) + "\n").encode())
        self._options = pacsv.WriteOptions(include_header=False, quoting_style="none")

    def write_table(self, table: pa.Table) -> None:
        pacsv.write_csv(table, self._file, self._options)

    def close(self) -> None:
        self._file.close()
