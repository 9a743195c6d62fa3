"""Writing rows: one prepared statement, rows of a partition together, many requests in flight.

An UNLOGGED batch whose rows all share one partition key is a single mutation on the replicas
(one commit-log entry, one memtable update); batches across partitions would only burden the
coordinator (Cassandra warns about those; single-partition batches are exempt from the batch size
thresholds). Every INSERT is an upsert, so writing the same rows twice changes nothing.

``write_rows`` is the general form (any table, any rows); ``GenerationWriter`` stores DataFrames in
the generation table for the loader and the ingest. 1000 rows per batch and 8 requests in flight
was the fastest of the settings tried on the sandbox (100 to 5000 rows, 4 to 32 in flight; see
bench/load_vs_copy.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from itertools import groupby

import pandas as pd
from cassandra.cluster import Session
from cassandra.concurrent import execute_concurrent
from cassandra.query import BatchStatement, BatchType, PreparedStatement


def partition_batches(insert: PreparedStatement, rows: list[tuple], batch_rows: int):
    """(UNLOGGED batch, None) requests for `execute_concurrent`: the rows of ONE partition, `batch_rows` at a time."""
    for start in range(0, len(rows), batch_rows):
        batch = BatchStatement(BatchType.UNLOGGED)
        for row in rows[start : start + batch_rows]:
            batch.add(insert, row)
        yield batch, None


def write_rows(
    session: Session,
    insert: PreparedStatement,
    rows: Iterable[tuple],
    partition_of: Callable[[tuple], object],
    batch_rows: int = 100,
    concurrency: int = 32,
) -> int:
    """Execute `insert` for every row; consecutive rows of the same partition go in one batch. Returns rows written."""
    written = 0

    def requests():
        nonlocal written
        for _, group in groupby(rows, key=partition_of):
            for batch, parameters in partition_batches(insert, list(group), batch_rows):
                written += len(batch)
                yield batch, parameters

    for _ in execute_concurrent(
        session, requests(), concurrency=concurrency, results_generator=True, raise_on_first_error=True
    ):
        pass
    return written


BATCH_ROWS = 1000
CONCURRENCY = 8


def insert_cql(keyspace: str, table: str) -> str:
    """The prepared INSERT, one row, bound by position: ts, type, region, value."""
    return f"INSERT INTO {keyspace}.{table} (ts, type, region, value) VALUES (?, ?, ?, ?)"


class GenerationWriter:
    """Upserts DataFrames of valid rows (ts UTC, type, region, value) into ``keyspace.table``."""

    def __init__(
        self, session: Session, keyspace: str, table: str, batch_rows: int = BATCH_ROWS, concurrency: int = CONCURRENCY
    ):
        self.session = session
        self.insert = session.prepare(insert_cql(keyspace, table))
        self.batch_rows = batch_rows
        self.concurrency = concurrency

    def write(self, frame: pd.DataFrame) -> int:
        """Store every row of ``frame``; raise on the first failed request. Returns the rows written."""
        execute_concurrent(self.session, self._requests(frame), concurrency=self.concurrency, raise_on_first_error=True)
        return len(frame)

    def _requests(self, frame: pd.DataFrame):
        """(statement, parameters) pairs: one batch per run of ``batch_rows`` rows of the same partition
        (plain single-row INSERTs when ``batch_rows`` is 1)."""
        millis = (
            frame["ts"].dt.tz_convert("UTC").dt.tz_localize(None).to_numpy().astype("datetime64[ms]").astype("int64")
        )
        values = frame["value"].to_numpy(dtype="float64")
        for (region, kind), index in frame.groupby(["region", "type"], observed=True, sort=False).indices.items():
            region, kind = str(region), str(kind)
            rows = [(ts, kind, region, value) for ts, value in zip(millis[index].tolist(), values[index].tolist())]
            if self.batch_rows == 1:
                yield from ((self.insert, row) for row in rows)
            else:
                yield from partition_batches(self.insert, rows, self.batch_rows)
