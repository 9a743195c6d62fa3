"""Writing long-format rows into the generation table: prepared statements, many requests in flight.

Rows of one partition, (region, type), are sent together in UNLOGGED batches: one request
stores many rows as a single mutation on the partition's replicas, so the coordinator does
no extra work (unlike a batch across partitions, which Cassandra warns about; single-partition
batches are exempt from the batch size thresholds). Requests go out concurrently, at most
``concurrency`` in flight. 1000 rows per batch and 8 in flight was the fastest of the
settings tried on the sandbox (100 to 5000 rows, 4 to 32 in flight; see bench/load_vs_copy.py).
Every write is an upsert: loading the same rows again changes nothing.
"""

from __future__ import annotations

import pandas as pd
from cassandra.cluster import Session
from cassandra.concurrent import execute_concurrent

from helpers.cql.writes import partition_batches

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
