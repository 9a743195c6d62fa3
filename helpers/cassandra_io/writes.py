"""Writing rows: one prepared statement, rows of a partition together, many requests in flight.

An UNLOGGED batch whose rows all share one partition key is a single mutation on the replicas
(one commit-log entry, one memtable update); batches across partitions would only burden the
coordinator (Cassandra warns about those; single-partition batches are exempt from the batch size
thresholds). Every INSERT is an upsert: writing the same row again with the same values changes
nothing. When two writes of one row carry different values, the one with the later write time wins;
``GenerationWriter(with_timestamp=True)`` sets that write time itself (``USING TIMESTAMP``), from
the Kafka message, so that replaying an old message cannot undo a later correction.

``write_rows`` is the general form (any table, any rows); ``GenerationWriter`` stores rows in the
generation table for the loader and the ingest. 1000 rows per batch and 8 requests in flight
was the fastest of the settings tried on the sandbox (100 to 5000 rows, 4 to 32 in flight; see
bench/load_vs_copy.py).
"""

from __future__ import annotations

import struct
from collections.abc import Callable, Iterable
from itertools import groupby

import pandas as pd
from cassandra.cluster import Session
from cassandra.concurrent import execute_concurrent
from cassandra.query import BatchStatement, BatchType, BoundStatement, PreparedStatement


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


def insert_cql(keyspace: str, table: str, with_timestamp: bool = False) -> str:
    """The prepared INSERT, one row, bound by position: ts, type, region, value (and, ``with_timestamp``,
    the write time in microseconds: ``USING TIMESTAMP ?``)."""
    using = " USING TIMESTAMP ?" if with_timestamp else ""
    return f"INSERT INTO {keyspace}.{table} (ts, type, region, value) VALUES (?, ?, ?, ?){using}"


_BIGINT = struct.Struct(">q").pack
_DOUBLE = struct.Struct(">d").pack


def serialized(ts_ms: int, kind: bytes, region: bytes, value: float, write_us: int | None = None) -> list[bytes]:
    """The INSERT's values in the native protocol's encoding, as the driver's ``bind`` makes them
    (timestamp and bigint: 8-byte big-endian, text: UTF-8, double: IEEE 754 big-endian).

    Binding a prepared statement row by row is the ingest's largest cost after Kafka's own decoding
    (about 10 us a row, against 1-2 us for this); tests/unit/test_cassandra_writes.py checks that
    both give the same bytes.
    """
    values = [_BIGINT(ts_ms), kind, region, _DOUBLE(value)]
    if write_us is not None:
        values.append(_BIGINT(write_us))
    return values


class GenerationWriter:
    """Upserts rows into ``keyspace.table``: DataFrames of valid rows (:meth:`write`, the loader) or
    readings already decoded (:meth:`write_readings`, the ingest).

    ``with_timestamp``: each reading carries its own write time (``USING TIMESTAMP``, microseconds),
    so that a replayed old message cannot overwrite a later correction (lesson 03).
    """

    def __init__(
        self,
        session: Session,
        keyspace: str,
        table: str,
        batch_rows: int = BATCH_ROWS,
        concurrency: int = CONCURRENCY,
        with_timestamp: bool = False,
    ):
        self.session = session
        self.with_timestamp = with_timestamp
        self.insert = session.prepare(insert_cql(keyspace, table, with_timestamp))
        self.batch_rows = batch_rows
        self.concurrency = concurrency

    def write(self, frame: pd.DataFrame) -> int:
        """Store every row of ``frame`` (ts UTC, type, region, value); raise on the first failed request.
        Returns the rows written."""
        millis = (
            frame["ts"].dt.tz_convert("UTC").dt.tz_localize(None).to_numpy().astype("datetime64[ms]").astype("int64")
        )
        values = frame["value"].to_numpy(dtype="float64")
        partitions = {}
        for (region, kind), index in frame.groupby(["region", "type"], observed=True, sort=False).indices.items():
            partitions[(str(region), str(kind))] = list(zip(millis[index].tolist(), values[index].tolist()))
        return self.write_partitions(partitions)

    def write_readings(self, readings) -> int:
        """Store readings ``(region, type, ts_ms, value)``, or ``(region, type, ts_ms, value, write_us)``
        when the writer is ``with_timestamp``. Returns the rows written."""
        partitions: dict[tuple[str, str], list] = {}
        for region, kind, *rest in readings:
            partitions.setdefault((region, kind), []).append(rest)
        return self.write_partitions(partitions)

    def write_partitions(self, partitions: dict[tuple[str, str], list]) -> int:
        """Store ``{(region, type): [(ts_ms, value[, write_us]), ...]}``; raise on the first failed request."""
        requests = list(self._requests(partitions))
        execute_concurrent(self.session, requests, concurrency=self.concurrency, raise_on_first_error=True)
        return sum(len(rows) for rows in partitions.values())

    def _requests(self, partitions: dict[tuple[str, str], list]):
        """(statement, None) pairs: one UNLOGGED batch per run of ``batch_rows`` rows of the same partition
        (plain single-row statements when ``batch_rows`` is 1)."""
        for (region, kind), rows in partitions.items():
            region_bytes, kind_bytes = region.encode(), kind.encode()
            for start in range(0, len(rows), self.batch_rows):
                chunk = rows[start : start + self.batch_rows]
                statements = [self._bound(kind_bytes, region_bytes, row) for row in chunk]
                if len(statements) == 1:
                    yield statements[0], None
                    continue
                batch = BatchStatement(BatchType.UNLOGGED)
                for statement in statements:
                    batch.add(statement)
                yield batch, None

    def _bound(self, kind: bytes, region: bytes, row) -> BoundStatement:
        statement = BoundStatement(self.insert)
        statement.values = serialized(row[0], kind, region, row[1], row[2] if self.with_timestamp else None)
        return statement
