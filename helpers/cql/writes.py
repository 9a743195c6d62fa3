"""Many rows through one prepared statement: rows of a partition travel together, requests in parallel.

An UNLOGGED batch whose rows all share one partition key is a single mutation on the replicas
(one commit-log entry, one memtable update); batches across partitions would only burden the
coordinator. Every INSERT is an upsert, so writing the same rows twice changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from itertools import groupby

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
